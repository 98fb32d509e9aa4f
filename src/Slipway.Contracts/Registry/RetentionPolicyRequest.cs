namespace Slipway.Contracts.Registry;

/// <summary>
/// A model's retention policy. <see cref="KeepNewest"/>: keep this many newest live versions (null: no count
/// limit); <see cref="ArchiveAfterDays"/>: archive versions created this many days ago (null: no age limit);
/// <see cref="DeleteFilesAfterDays"/>: the grace period before an archived version's files are deleted (default 30);
/// <see cref="Enabled"/>: whether the schedule runs it (default true).
/// </summary>
public sealed record RetentionPolicyRequest(int? KeepNewest, int? ArchiveAfterDays, int? DeleteFilesAfterDays, bool? Enabled);
