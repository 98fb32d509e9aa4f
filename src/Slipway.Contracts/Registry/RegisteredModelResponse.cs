namespace Slipway.Contracts.Registry;

/// <summary>
/// A registered model with its tags, its aliases (alias to version number) and the newest live version in each
/// stage. Times are epoch milliseconds.
/// </summary>
public sealed record RegisteredModelResponse(
    string Name,
    string Description,
    long CreationTime,
    long LastUpdateTime,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<ModelVersionResponse> LatestVersions);
