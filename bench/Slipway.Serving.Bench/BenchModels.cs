using Slipway.Core.Registry.Packages;
using Slipway.Core.Serving.Runtime;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Serving.Bench;

/// <summary>
/// The adult-census classifier as the tests train it (ML.NET, exported to ONNX), each in a package directory inspected
/// as the registry inspects it, so the runtimes load it with the signature a registered version would have; and the
/// rows of adult-census.csv as inputs.
/// </summary>
internal sealed class BenchModels : IDisposable
{
    private BenchModels(string directory, ModelPackage onnx, ModelPackage mlnet, IReadOnlyList<AdultCensusRow> rows)
    {
        Directory = directory;
        Onnx = onnx;
        Mlnet = mlnet;
        Rows = rows;
    }

    /// <summary>Holds <c>onnx/adult-census.onnx</c> and <c>mlnet/adult-census.zip</c>; deleted on dispose.</summary>
    public string Directory { get; }

    public ModelPackage Onnx { get; }

    public ModelPackage Mlnet { get; }

    public IReadOnlyList<AdultCensusRow> Rows { get; }

    public static async Task<BenchModels> CreateAsync(CancellationToken cancellationToken)
    {
        var trained = TestModels.AdultCensus;
        var directory = Path.Combine(Path.GetTempPath(), $"slipway-serving-bench-{Guid.NewGuid():N}");
        var onnxDirectory = System.IO.Directory.CreateDirectory(Path.Combine(directory, "onnx")).FullName;
        var mlnetDirectory = System.IO.Directory.CreateDirectory(Path.Combine(directory, "mlnet")).FullName;
        File.Copy(trained.OnnxPath, Path.Combine(onnxDirectory, "adult-census.onnx"));
        File.Copy(trained.MlnetZipPath, Path.Combine(mlnetDirectory, "adult-census.zip"));
        var rows = AdultCensusExample.Read(TestData.File("adult-census.csv"), every: 1);
        return new BenchModels(
            directory,
            await PackageAsync(onnxDirectory, cancellationToken),
            await PackageAsync(mlnetDirectory, cancellationToken),
            rows);
    }

    /// <summary><paramref name="count"/> batches of <paramref name="rows"/> consecutive rows each, shaped as <paramref name="schema"/> declares.</summary>
    public IReadOnlyList<InferenceBatch> Batches(ModelSchema schema, int rows, int count) =>
        Enumerable.Range(0, count).Select(i => Batch(schema, Rows.Skip(i * rows % Math.Max(1, Rows.Count - rows)).Take(rows).ToList())).ToList();

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static InferenceBatch Batch(ModelSchema schema, IReadOnlyList<AdultCensusRow> rows)
    {
        Tensor Column<T>(string name, Func<AdultCensusRow, T> value)
        {
            var field = schema.Input(name) ?? throw new InvalidOperationException($"The model has no input '{name}'.");
            var shape = field.Shape.Count == 2 ? new long[] { rows.Count, 1 } : [rows.Count];
            return new Tensor(name, field.Type, shape, rows.Select(value).ToArray());
        }

        return new InferenceBatch(rows.Count,
        [
            Column("age", r => r.Age),
            Column("education_num", r => r.EducationNum),
            Column("hours_per_week", r => r.HoursPerWeek),
            Column("capital_gain", r => r.CapitalGain),
            Column("workclass", r => r.Workclass),
            Column("marital_status", r => r.MaritalStatus),
            Column("sex", r => r.Sex),
        ]);
    }

    private static async Task<ModelPackage> PackageAsync(string directory, CancellationToken cancellationToken)
    {
        var inspected = await new ModelPackageInspector().InspectAsync(directory, cancellationToken);
        if (!inspected.IsSuccess)
        {
            throw new InvalidOperationException($"The bench model does not inspect: {inspected.Error.Message}");
        }

        var info = inspected.Value;
        return new ModelPackage(directory, "adult-census", 1, info.Format, info.Flavor, info.FlavorsJson, info.SignatureJson, info.InputExamplePath);
    }
}
