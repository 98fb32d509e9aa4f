namespace Slipway.Contracts.Registry;

/// <summary>
/// Registers a version from files Slipway already has: <see cref="Source"/> is a run's artifact path
/// (<c>runs:/&lt;run_id&gt;/model</c>), a logged model (<c>models:/m-…</c>, or <see cref="ModelId"/>), another
/// version (<c>models:/name/3</c>) or an <c>mlflow-artifacts:/</c> URI.
/// </summary>
public sealed record RegisterModelVersionRequest(
    string Source,
    string? RunId = null,
    string? ModelId = null,
    string? Description = null,
    IReadOnlyDictionary<string, string>? Tags = null);
