namespace Slipway.Client;

/// <summary>Which runs to list. Every property is optional; unset ones take the server's defaults.</summary>
public sealed record RunQuery
{
    /// <summary>The experiments to search; empty means the default experiment <c>0</c>.</summary>
    public IReadOnlyList<string> ExperimentIds { get; init; } = [];

    /// <summary>A search filter such as <c>metrics.rmse &lt; 1 and params.model = 'tree'</c>, in MLflow's run filter grammar.</summary>
    public string? Filter { get; init; }

    /// <summary>Sort keys such as <c>metrics.rmse ASC</c>; the server's default is newest start time first.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary><c>active_only</c> (the server's default), <c>deleted_only</c> or <c>all</c>.</summary>
    public string? View { get; init; }

    /// <summary>The page size; the server's default and maximum is 100.</summary>
    public int? Limit { get; init; }

    /// <summary>The <see cref="Contracts.Page{T}.NextCursor"/> of the previous page; null for the first page.</summary>
    public string? Cursor { get; init; }
}
