using System.Text.Json.Nodes;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// Tells what a package directory holds, in this order: an MLflow model (an <c>MLmodel</c> at the top), a bare ONNX graph
/// (one <c>*.onnx</c> at the top), an ML.NET model (one <c>*.zip</c> at the top); anything else is
/// <see cref="PackageFormats.Unknown"/> with a warning. Model files are validated by loading them, within
/// <see cref="PackageInspectionLimits"/>; pickled files are only ever named, never opened.
/// </summary>
internal sealed class ModelPackageInspector : IModelPackageInspector
{
    public Task<Result<PackageInfo>> InspectAsync(string directory, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Loading a model is synchronous CPU work in ONNX Runtime and ML.NET; it runs on the caller's thread.
        return Task.FromResult(Inspect(directory));
    }

    private static Result<PackageInfo> Inspect(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return Error.Invalid("The model package is not there: its directory does not exist.", "source");
        }

        if (File.Exists(Path.Combine(directory, MlflowModelReader.MlmodelFile)))
        {
            return MlflowModelReader.Read(directory);
        }

        var files = Directory.GetFiles(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0 && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return Error.Invalid("The model package is empty.", "source");
        }

        var onnx = files.Where(f => f.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)).ToList();
        var zips = files.Where(f => f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToList();
        if (onnx.Count == 1 && zips.Count == 0)
        {
            var graph = OnnxGraphReader.Read(Path.Combine(directory, onnx[0]), onnx[0]);
            return graph.IsSuccess
                ? new PackageInfo(PackageFormats.Onnx, PackageFormats.Onnx, Flavors(PackageFormats.Onnx, onnx[0]), graph.Value.Signature, null, false, graph.Value.Warnings)
                : graph.Error;
        }

        if (zips.Count == 1 && onnx.Count == 0)
        {
            var schema = MlnetSchemaReader.Read(Path.Combine(directory, zips[0]), zips[0]);
            return schema.IsSuccess
                ? new PackageInfo(PackageFormats.Mlnet, PackageFormats.Mlnet, Flavors(PackageFormats.Mlnet, zips[0]), schema.Value.Signature, null, false, schema.Value.Warnings)
                : schema.Error;
        }

        return Unknown(directory, onnx, zips);
    }

    private static PackageInfo Unknown(string directory, List<string> onnx, List<string> zips)
    {
        var warnings = new List<string>();
        if (onnx.Count + zips.Count > 1)
        {
            warnings.Add($"The package holds several model files ({string.Join(", ", onnx.Concat(zips))}) and no MLmodel saying which to serve; its format is unknown.");
        }
        else
        {
            warnings.Add("The package holds no MLmodel, no .onnx file and no ML.NET .zip; its format is unknown and it cannot be served.");
        }

        var pickles = PackageFiles.Pickles(directory);
        if (pickles.Count > 0)
        {
            warnings.Add($"It holds pickled files ({string.Join(", ", pickles.Take(5))}), which run code when loaded; it is recorded as unsafe_format and never loaded.");
        }

        return new PackageInfo(PackageFormats.Unknown, null, null, null, null, pickles.Count > 0, warnings);
    }

    /// <summary>The flavors a bare file would have in an MLmodel: <c>{"onnx": {"data": "model.onnx"}}</c>.</summary>
    private static string Flavors(string flavor, string file) =>
        new JsonObject { [flavor] = new JsonObject { ["data"] = file } }.ToJsonString();
}
