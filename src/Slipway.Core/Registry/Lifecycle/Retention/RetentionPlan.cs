namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>One version in a retention plan or report, and why.</summary>
public sealed record RetentionItem(int Version, string Reason);

/// <summary>
/// What a policy does to a model now: versions to archive, archived versions whose files to delete, and versions a
/// rule selected that stay because they are protected. Each list is in ascending version order.
/// </summary>
public sealed record RetentionPlan(IReadOnlyList<RetentionItem> Archive, IReadOnlyList<RetentionItem> DeleteFiles, IReadOnlyList<RetentionItem> Protected);

/// <summary>
/// The outcome of a run. A dry run lists what a real run would do now; a real run lists what it did, and in
/// <see cref="Skipped"/> what it planned but found changed when it re-checked under the version's lock.
/// </summary>
public sealed record RetentionReport(
    string Model,
    bool DryRun,
    long At,
    IReadOnlyList<RetentionItem> Archived,
    IReadOnlyList<RetentionItem> FilesDeleted,
    IReadOnlyList<RetentionItem> Protected,
    IReadOnlyList<RetentionItem> Skipped);
