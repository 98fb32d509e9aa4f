namespace Slipway.Core.Registry.Packages;

/// <summary>The package formats <see cref="IModelPackageInspector"/> tells apart (<see cref="PackageInfo.Format"/>).</summary>
public static class PackageFormats
{
    /// <summary>An MLflow model directory: an <c>MLmodel</c> file naming its flavors.</summary>
    public const string Mlflow = "mlflow";

    /// <summary>A bare ONNX graph (one <c>*.onnx</c> file).</summary>
    public const string Onnx = "onnx";

    /// <summary>An ML.NET model <c>.zip</c>, as <c>MLContext.Model.Save</c> writes it.</summary>
    public const string Mlnet = "mlnet";

    /// <summary>Anything else: kept and downloadable, but nothing Slipway can serve.</summary>
    public const string Unknown = "unknown";
}
