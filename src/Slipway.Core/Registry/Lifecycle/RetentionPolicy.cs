namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// Which versions of one registered model retention archives (beyond the newest <see cref="KeepNewest"/>, or older than
/// <see cref="ArchiveAfterDays"/>) and when the files of archived versions are deleted.
/// </summary>
public sealed class RetentionPolicy
{
    public long RegisteredModelId { get; set; }

    /// <summary>Keep this many newest versions; null for no count limit.</summary>
    public int? KeepNewest { get; set; }

    /// <summary>Archive versions created more than this many days ago; null for no age limit.</summary>
    public int? ArchiveAfterDays { get; set; }

    /// <summary>Delete the files of a version this many days after it was archived.</summary>
    public int DeleteFilesAfterDays { get; set; } = 30;

    public bool Enabled { get; set; } = true;

    public long? LastRunAt { get; set; }

    public long UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
