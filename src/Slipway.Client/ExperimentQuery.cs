namespace Slipway.Client;

/// <summary>Which experiments to list. Every property is optional; unset ones take the server's defaults.</summary>
public sealed record ExperimentQuery
{
    /// <summary>A search filter such as <c>name LIKE 'churn%'</c>, in MLflow's experiment filter grammar.</summary>
    public string? Filter { get; init; }

    /// <summary><c>active_only</c> (the server's default), <c>deleted_only</c> or <c>all</c>.</summary>
    public string? View { get; init; }

    /// <summary>The page size; the server's default and maximum is 100.</summary>
    public int? Limit { get; init; }

    /// <summary>The <see cref="Contracts.Page{T}.NextCursor"/> of the previous page; null for the first page.</summary>
    public string? Cursor { get; init; }
}
