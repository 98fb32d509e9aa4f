namespace Slipway.Contracts.Registry;

/// <summary>
/// Edits a model card. With PATCH a null field is left as it is; with PUT a null field is cleared. Limits:
/// intended use and limitations 10,000 characters each, text 100,000, license 256, up to 50 owners and 50 datasets
/// per list, up to 200 metrics with finite values.
/// </summary>
public sealed record UpdateModelCardRequest(
    string? IntendedUse = null,
    string? Limitations = null,
    IReadOnlyList<string>? Owners = null,
    string? License = null,
    string? Text = null,
    IReadOnlyDictionary<string, double>? Metrics = null,
    IReadOnlyList<ModelCardDataset>? TrainingData = null,
    IReadOnlyList<ModelCardDataset>? EvaluationData = null);
