using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// The path rules for a member of an uploaded archive (governance.md §6.2, MLflow CVE-2025-15031/15036): relative,
/// '/'-separated, no '..' or '.' segments, no drive letter, backslash or control character, and a valid artifact
/// key as it stands (no percent escapes), so it names the same file in the package and in registry storage.
/// </summary>
internal static class ArchiveMember
{
    /// <summary>The member's package-relative path (without a trailing '/' for directories), or why it is refused.</summary>
    public static Result<string> Path(string name)
    {
        if (name.Length == 0)
        {
            return PackageErrors.Member(PackageErrors.UnsafeMemberPath, name, "it has an empty name");
        }

        if (name[0] == '/' || name[0] == '\\' || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
        {
            return PackageErrors.Member(PackageErrors.UnsafeMemberPath, name, "absolute paths are not allowed");
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return PackageErrors.Member(PackageErrors.UnsafeMemberPath, name, "backslashes are not allowed");
        }

        var trimmed = name.EndsWith('/') ? name[..^1] : name;
        // "./x" is how tar names members when run on '.'; the dot segment itself means nothing.
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        if (trimmed.Split('/').Any(s => s == ".."))
        {
            return PackageErrors.Member(PackageErrors.UnsafeMemberPath, name, "'..' segments are not allowed");
        }

        if (trimmed is "" or ".")
        {
            return "";
        }

        var key = ArtifactPath.Parse(trimmed);
        if (!key.IsSuccess || key.Value != trimmed)
        {
            var why = key.IsSuccess ? "percent escapes are not allowed" : key.Error.Message.TrimEnd('.');
            return PackageErrors.Member(PackageErrors.UnsafeMemberPath, name, why);
        }

        return trimmed;
    }

    /// <summary>
    /// The prefix to strip so that an MLflow model packed in a single top-level directory lands at the package root:
    /// "" when <c>MLmodel</c> is at the root or there is no single such directory.
    /// </summary>
    public static string TopLevelDirectory(IReadOnlyCollection<string> files)
    {
        if (files.Contains("MLmodel") || files.Count == 0)
        {
            return "";
        }

        var first = files.First();
        var slash = first.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "";
        }

        var prefix = first[..(slash + 1)];
        return files.All(f => f.StartsWith(prefix, StringComparison.Ordinal)) && files.Contains(prefix + "MLmodel") ? prefix : "";
    }
}
