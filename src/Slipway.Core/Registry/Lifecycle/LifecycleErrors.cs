using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>The lifecycle's refusals, each with a stable code (problem details <c>code</c>) and what to do instead.</summary>
public static class LifecycleErrors
{
    public const string VersionArchivedCode = "version_archived";
    public const string VersionProtectedCode = "version_protected";
    public const string VersionNotArchivedCode = "version_not_archived";
    public const string VersionFilesDeletedCode = "version_files_deleted";
    public const string HoldNotManualCode = "hold_not_manual";

    public static Error Archived(string name, int version, string what) => new(
        ErrorKind.Conflict,
        VersionArchivedCode,
        $"Version {version} of model '{name}' is archived, so {what}. Restore it first (POST /api/v1/models/{{name}}/versions/{version}/restore).");

    public static Error AlreadyArchived(string name, int version) =>
        new(ErrorKind.Conflict, VersionArchivedCode, $"Version {version} of model '{name}' is already archived.");

    public static Error Protected(string name, int version, IReadOnlyList<string> protections) => new(
        ErrorKind.Conflict,
        VersionProtectedCode,
        $"Version {version} of model '{name}' cannot be archived: {string.Join("; ", protections)}. Move the alias or remove the hold first.");

    /// <summary>A delete refused because versions are held; <paramref name="held"/> names each held version's holds.</summary>
    public static Error HeldForDelete(string what, IReadOnlyList<string> held) => new(
        ErrorKind.Conflict,
        VersionProtectedCode,
        $"{what} cannot be deleted while held: {string.Join("; ", held)}. Remove the holds first (a deployment or approval removes its own).");

    public static Error NotArchived(string name, int version) =>
        new(ErrorKind.Conflict, VersionNotArchivedCode, $"Version {version} of model '{name}' is not archived; there is nothing to restore.");

    public static Error FilesDeleted(string name, int version, long deletedAt) => new(
        ErrorKind.Conflict,
        VersionFilesDeletedCode,
        $"Version {version} of model '{name}' cannot be restored: its files were deleted at {DateTimeOffset.FromUnixTimeMilliseconds(deletedAt):u} "
        + "after the retention grace period. Register a new version from its source instead.");

    public static Error NotManual(string kind, string reference) => new(
        ErrorKind.Conflict,
        HoldNotManualCode,
        $"The {kind} hold '{reference}' belongs to the {kind} that placed it; only manual holds are removed through this API.");
}
