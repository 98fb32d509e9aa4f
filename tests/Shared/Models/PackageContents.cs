namespace Slipway.Tests.Models;

/// <summary>
/// A package's files in memory, keyed by their path inside the package (<c>/</c>-separated), for tests that send them
/// over HTTP: as run artifacts (<see cref="MlflowApi.PutArtifactsAsync"/>) or inside an uploaded archive.
/// </summary>
public static class PackageContents
{
    /// <summary>Builds a package with a <see cref="ModelPackages"/> builder in a scratch directory and reads its files.</summary>
    public static Dictionary<string, byte[]> Of(Func<string, string> build)
    {
        using var scratch = new ScratchDirectory("slipway-package");
        var directory = build(scratch.Path);
        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);
    }

    /// <summary>The trained model's ONNX export, as a client would upload it.</summary>
    public static byte[] Onnx => File.ReadAllBytes(TestModels.AdultCensus.OnnxPath);

    /// <summary>The trained model as an ML.NET <c>.zip</c>, as a client would upload it.</summary>
    public static byte[] MlnetZip => File.ReadAllBytes(TestModels.AdultCensus.MlnetZipPath);
}
