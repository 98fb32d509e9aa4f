namespace Slipway.Contracts.Registry;

/// <summary>
/// Where alias <see cref="Alias"/> of model <see cref="Model"/> pointed at the instant <see cref="At"/> (epoch ms):
/// <see cref="Version"/> (null when the alias did not exist then), who set it there (<see cref="SetBy"/>) and when
/// (<see cref="SetAt"/>), and that version's provenance: its creator, source, run and the run's dataset inputs.
/// </summary>
public sealed record AliasAtResponse(
    string Model,
    string Alias,
    long At,
    int? Version,
    string? SetBy,
    long? SetAt,
    AliasVersionProvenance? Provenance);

/// <summary>The version an alias pointed at, as registered: creator, source, and the run and data it came from.</summary>
public sealed record AliasVersionProvenance(
    int Version,
    string? CreatedBy,
    long CreationTimestamp,
    string Source,
    string? RunId,
    string? RunName,
    string? ExperimentId,
    IReadOnlyList<AliasDatasetInput> Datasets);

/// <summary>A dataset input of the source run: its name and digest identify the exact data.</summary>
public sealed record AliasDatasetInput(string Name, string Digest, string SourceType);
