namespace Slipway.Core.Registry.Packages;

/// <summary>Paths inside a package directory: resolving the relative paths an <c>MLmodel</c> names, and listing files.</summary>
internal static class PackageFiles
{
    private static readonly string[] PickleExtensions = [".pkl", ".pickle", ".joblib", ".cloudpickle"];

    /// <summary>
    /// The full path of <paramref name="relative"/> inside <paramref name="root"/>, or null when it is absolute or leads
    /// out of the package (<c>..</c>), so that an <c>MLmodel</c> cannot point inspection at other files.
    /// </summary>
    public static string? Resolve(string root, string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, relative));
        return full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The package-relative, '/'-separated form of a path inside <paramref name="root"/>.</summary>
    public static string Relative(string root, string full) =>
        Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');

    public static bool IsPickle(string path) =>
        PickleExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>Package-relative paths of pickle files, looking at no more than <see cref="PackageInspectionLimits.MaxScannedFiles"/> files.</summary>
    public static IReadOnlyList<string> Pickles(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Take(PackageInspectionLimits.MaxScannedFiles)
            .Where(IsPickle)
            .Select(p => Relative(root, p))
            .Order(StringComparer.Ordinal)
            .ToList();
}
