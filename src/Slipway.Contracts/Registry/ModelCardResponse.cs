namespace Slipway.Contracts.Registry;

/// <summary>
/// A version's model card. Filled when the version is created (metrics and datasets from the source run, the
/// creator as owner) and edited afterwards. <see cref="UpdatedAt"/> is epoch milliseconds. <see cref="UnsafeFormat"/>
/// is true when loading the version's format executes code (pickle); it comes from the package, not the card text.
/// </summary>
public sealed record ModelCardResponse(
    string Name,
    int Version,
    string IntendedUse,
    string Limitations,
    IReadOnlyList<ModelCardDataset> TrainingData,
    IReadOnlyList<ModelCardDataset> EvaluationData,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Owners,
    string License,
    string Text,
    long UpdatedAt,
    string? UpdatedBy,
    bool UnsafeFormat);
