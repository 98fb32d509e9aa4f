namespace Slipway.Contracts.Registry;

/// <summary>A model's retention policy as stored; times are epoch milliseconds.</summary>
public sealed record RetentionPolicyResponse(
    string Name, int? KeepNewest, int? ArchiveAfterDays, int DeleteFilesAfterDays, bool Enabled, long? LastRunAt, long UpdatedAt, string? UpdatedBy);
