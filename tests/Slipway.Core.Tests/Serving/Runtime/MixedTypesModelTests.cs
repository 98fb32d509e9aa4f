using Microsoft.ML;
using Microsoft.ML.Data;
using Slipway.Core.Serving.Runtime;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Runtime;

/// <summary>
/// A small model over boolean, 32-bit integer and double inputs (the adult-census model has none of the first two),
/// trained here, saved as ML.NET and exported to ONNX, and served through both runtimes.
/// </summary>
public sealed class MixedTypesModelTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("slipway-mixed");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task Boolean_integer_and_double_inputs_give_the_same_answers_through_both_runtimes()
    {
        var (zip, onnx) = Train();
        var mlnetPackage = await RuntimePackages.InspectAsync(Path.GetDirectoryName(zip)!);
        var onnxPackage = await RuntimePackages.InspectAsync(Path.GetDirectoryName(onnx)!);
        using var mlnet = new MlnetModelRuntime().Load(mlnetPackage, CancellationToken.None);
        using var onnxModel = new OnnxModelRuntime().Load(onnxPackage, CancellationToken.None);
        Assert.Equal([TensorType.Bool, TensorType.Int32, TensorType.Fp64], mlnet.Schema.Inputs.Select(i => i.Type));
        Assert.Equal([TensorType.Bool, TensorType.Int32, TensorType.Fp64], onnxModel.Schema.Inputs.Select(i => i.Type));

        var flags = new[] { true, false, true, false, true, false };
        var counts = new[] { 0, 1, 2, 3, 40, 50 };
        var values = new[] { -1.5, 0.0, 2.5, 3.0, 10.0, -7.25 };
        IReadOnlyList<Tensor> Run(ILoadedModel model) => model.Run(new InferenceBatch(6,
        [
            Column(model.Schema, "flag", TensorType.Bool, flags),
            Column(model.Schema, "count", TensorType.Int32, counts),
            Column(model.Schema, "value", TensorType.Fp64, values),
        ]), CancellationToken.None);

        var fromMlnet = (float[])RuntimePackages.Output(Run(mlnet), "Score").Data;
        var fromOnnx = (float[])RuntimePackages.Output(Run(onnxModel), "Score.output").Data;

        Assert.Equal(6, fromMlnet.Length);
        for (var i = 0; i < fromMlnet.Length; i++)
        {
            Assert.True(Math.Abs(fromMlnet[i] - fromOnnx[i]) <= 1e-4 * Math.Max(1, Math.Abs(fromMlnet[i])), $"row {i}: ML.NET {fromMlnet[i]}, ONNX {fromOnnx[i]}");
        }

        Assert.True(fromMlnet.Distinct().Count() > 1);
    }

    private static Tensor Column(ModelSchema schema, string name, TensorType type, Array data)
    {
        var field = schema.Input(name)!;
        return new Tensor(name, type, field.Shape.Count == 2 ? [data.Length, 1] : [data.Length], data);
    }

    private (string Zip, string Onnx) Train()
    {
        var ml = new MLContext(seed: 1);
        var random = new Random(7);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            var row = new MixedRow { Flag = random.Next(2) == 1, Count = random.Next(100), Value = random.NextDouble() * 20 - 10 };
            row.Label = (float)((row.Flag ? 3 : -1) + 0.05 * row.Count - 0.5 * row.Value + random.NextDouble());
            return row;
        }).ToList();
        var pipeline = ml.Transforms.Conversion.ConvertType(
                [new InputOutputColumnPair("flag_single", "flag"), new InputOutputColumnPair("count_single", "count"), new InputOutputColumnPair("value_single", "value")], DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", "flag_single", "count_single", "value_single"))
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: nameof(MixedRow.Label), featureColumnName: "Features", maximumNumberOfIterations: 20));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
        var inputs = ml.Data.LoadFromEnumerable(Array.Empty<MixedInput>());

        var zip = Path.Combine(scratch.Sub("mlnet"), "mixed.zip");
        ml.Model.Save(model, inputs.Schema, zip);
        var onnx = Path.Combine(scratch.Sub("onnx"), "mixed.onnx");
        using (var stream = File.Create(onnx))
        {
            ml.Model.ConvertToOnnx(model, inputs, stream, "Score");
        }

        return (zip, onnx);
    }

    public class MixedInput
    {
        [ColumnName("flag")]
        public bool Flag { get; set; }

        [ColumnName("count")]
        public int Count { get; set; }

        [ColumnName("value")]
        public double Value { get; set; }
    }

    public sealed class MixedRow : MixedInput
    {
        public float Label { get; set; }
    }
}
