namespace Slipway.Contracts.Registry;

/// <summary>
/// Moves a version to a legacy stage (<c>None</c>, <c>Staging</c>, <c>Production</c>, <c>Archived</c>); with
/// <see cref="ArchiveExistingVersions"/> (Staging and Production only) the other versions in that stage move to Archived.
/// </summary>
public sealed record SetStageRequest(string Stage, bool ArchiveExistingVersions = false);
