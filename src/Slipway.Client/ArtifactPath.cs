namespace Slipway.Client;

/// <summary>Artifact paths: <c>/</c>-separated, relative, each segment escaped on the wire.</summary>
internal static class ArtifactPath
{
    public const string ProxyRoot = "api/2.0/mlflow-artifacts/artifacts";

    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Replace('\\', '/').Trim('/');
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("An artifact path needs at least one segment, such as 0/<run_id>/artifacts.", nameof(path));
        }

        return trimmed;
    }

    public static string Join(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";

    public static string FileUri(string path) =>
        $"{ProxyRoot}/{string.Join('/', Normalize(path).Split('/').Select(Uri.EscapeDataString))}";

    /// <summary>
    /// A listed basename is joined to a local directory, so it must not climb out of it (the MLflow client rejects
    /// the same names).
    /// </summary>
    public static bool IsSafeName(string name) =>
        name.Length > 0 && name is not "." and not ".." && !name.Contains('/', StringComparison.Ordinal)
        && !name.Contains('\\', StringComparison.Ordinal) && !name.Any(char.IsControl) && !System.IO.Path.IsPathRooted(name);
}
