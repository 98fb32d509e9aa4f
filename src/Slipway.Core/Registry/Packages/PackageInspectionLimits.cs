namespace Slipway.Core.Registry.Packages;

/// <summary>
/// Caps on what inspection reads or loads, so that a hostile or oversized package costs bounded memory and time.
/// A package over a cap is refused with a message that names the file and the cap; nothing over it is loaded.
/// </summary>
internal static class PackageInspectionLimits
{
    /// <summary>An <c>MLmodel</c> is a few kilobytes; 1 MiB leaves room for long signatures.</summary>
    public const long MaxMlmodelBytes = 1L << 20;

    /// <summary>How deeply <c>MLmodel</c> may nest mappings and lists; real files nest four or five levels.</summary>
    public const int MaxYamlDepth = 64;

    /// <summary>
    /// YAML nodes visited while turning <c>MLmodel</c> into JSON. Anchors and aliases can make a small file expand
    /// exponentially ("billion laughs"); the walk stops here.
    /// </summary>
    public const int MaxYamlNodes = 100_000;

    /// <summary>
    /// The largest <c>.onnx</c> file opened with ONNX Runtime: 2 GiB, the protobuf limit of a single ONNX file (bigger models
    /// keep their weights in external data files, which ONNX Runtime also reads while it builds the session).
    /// </summary>
    public const long MaxOnnxBytes = 2L << 30;

    /// <summary>The largest ML.NET <c>.zip</c> loaded, compressed.</summary>
    public const long MaxMlnetZipBytes = 1L << 30;

    /// <summary>The most bytes an ML.NET <c>.zip</c> may expand to (zip bombs), summed over its entries.</summary>
    public const long MaxMlnetUncompressedBytes = 2L << 30;

    /// <summary>The most entries an ML.NET <c>.zip</c> may hold; real models have a few dozen.</summary>
    public const int MaxMlnetZipEntries = 10_000;

    /// <summary>The most files looked at when a package is searched for pickle files.</summary>
    public const int MaxScannedFiles = 10_000;
}
