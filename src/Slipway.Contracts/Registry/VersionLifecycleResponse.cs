namespace Slipway.Contracts.Registry;

/// <summary>
/// A version's lifecycle state after archive or restore. <see cref="Stage"/> is MLflow's legacy stage (an archived
/// version is in stage Archived); times are epoch milliseconds, null while not archived or while the files exist.
/// </summary>
public sealed record VersionLifecycleResponse(string Name, int Version, string Stage, long? ArchivedAt, long? FilesDeletedAt);
