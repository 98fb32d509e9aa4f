using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Why a package or a version source was refused, each with a stable code (problem details' <c>code</c>) and a
/// message naming the file or archive member and the rule it broke.
/// </summary>
public static class PackageErrors
{
    public const string Empty = "package_empty";
    public const string TooManyFiles = "package_too_many_files";
    public const string TooLarge = "package_too_large";
    public const string UnsafeMemberPath = "archive_member_unsafe_path";
    public const string LinkMember = "archive_member_link";
    public const string SpecialMember = "archive_member_special";
    public const string DuplicateMember = "archive_member_duplicate";
    public const string BadArchive = "archive_invalid";
    public const string UnsupportedPackage = "package_unsupported";
    public const string SourceOutsideRun = "source_outside_run";
    public const string SourceOutsideModel = "source_outside_model";
    public const string SourceNotCopyable = "source_not_copyable";
    public const string IntegrityFailed = "integrity_failed";

    public static Error Refused(string code, string message, string field = "package") => new(ErrorKind.Invalid, code, message, field);

    public static Error EmptySource(string source) =>
        Refused(Empty, $"The model version source '{source}' holds no files; log the model's files first.", "source");

    public static Error FileCount(int max) =>
        Refused(TooManyFiles, $"The package holds more than {max} files (Registry:Packages:MaxFiles).");

    public static Error Bytes(long max) =>
        Refused(TooLarge, $"The package holds more than {max} bytes (Registry:Packages:MaxBytes).");

    public static Error Member(string code, string member, string rule) =>
        Refused(code, $"Archive member '{Printable(member)}' is refused: {rule}.");

    /// <summary>A stored file no longer matches the size or SHA-256 recorded when the version was registered.</summary>
    public static Error Corrupt(string name, int version, string path) =>
        new(ErrorKind.Internal, IntegrityFailed,
            $"File '{path}' of model '{name}' version {version} does not match the SHA-256 recorded at registration; the stored copy is corrupt.");

    /// <summary>Member names come from an untrusted archive: control characters are shown escaped.</summary>
    private static string Printable(string member)
    {
        var shown = member.Length > 200 ? member[..200] + "…" : member;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
