using Slipway.Core.Serving.Runtime;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Runtime;

public sealed class WarmupInputsTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("slipway-warmup");

    public void Dispose() => scratch.Dispose();

    [Theory]
    [InlineData("serving_input_example.json")]
    [InlineData("input_example.json")]
    public async Task The_input_example_rows_are_repeated_to_the_batch_size(string exampleFile)
    {
        var package = await RuntimePackages.InspectAsync(ModelPackages.MlflowOnnx(scratch.Sub("mlflow")));
        using var model = new OnnxModelRuntime().Load(package, CancellationToken.None);

        var batch = WarmupInputs.Create(model.Schema, 5, Path.Combine(package.Directory, exampleFile));

        Assert.Equal(5, batch.Rows);
        Assert.Equal(model.Schema.Inputs.Select(i => i.Name), batch.Inputs.Select(i => i.Name));
        Assert.Equal([39L, 50L, 39L, 50L, 39L], (long[])batch.Inputs[0].Data);
        Assert.Equal([5L, 1L], batch.Inputs[0].Shape);
        Assert.Equal([2174.0, 0.0, 2174.0, 0.0, 2174.0], (double[])batch.Inputs[3].Data);
        Assert.Equal("Self-emp-not-inc", ((string[])batch.Inputs[4].Data)[1]);
        Assert.All(model.Run(batch, CancellationToken.None), o => Assert.Equal(5, o.Rows));
    }

    [Fact]
    public async Task Without_an_example_the_values_are_synthetic_and_the_model_runs_on_them()
    {
        var package = await RuntimePackages.InspectAsync(ModelPackages.MlnetZip(scratch.Sub("mlnet")));
        using var model = new MlnetModelRuntime().Load(package, CancellationToken.None);

        var batch = WarmupInputs.Create(model.Schema, 64, null);

        Assert.Equal(64, batch.Rows);
        Assert.All(batch.Inputs, i => Assert.Equal([64L], i.Shape));
        Assert.All((long[])batch.Inputs[0].Data, v => Assert.Equal(0L, v));
        Assert.All((string[])batch.Inputs[6].Data, v => Assert.Equal("", v));
        Assert.All(model.Run(batch, CancellationToken.None), o => Assert.Equal(64, o.Rows));
    }

    [Fact]
    public async Task An_example_that_does_not_fit_leaves_the_inputs_it_does_not_cover_synthetic()
    {
        var package = await RuntimePackages.InspectAsync(ModelPackages.MlflowOnnx(scratch.Sub("mlflow")));
        using var model = new OnnxModelRuntime().Load(package, CancellationToken.None);
        var example = Path.Combine(scratch.Path, "odd.json");
        await File.WriteAllTextAsync(example, """{"dataframe_records": [{"age": "thirty", "hours_per_week": 40, "sex": "Female"}]}""");

        var batch = WarmupInputs.Create(model.Schema, 2, example);

        Assert.Equal([0L, 0L], (long[])batch.Inputs[0].Data);
        Assert.Equal([40f, 40f], (float[])batch.Inputs[2].Data);
        Assert.Equal(["Female", "Female"], (string[])batch.Inputs[6].Data);
        Assert.Equal(["", ""], (string[])batch.Inputs[4].Data);
    }

    [Fact]
    public async Task An_example_that_is_not_json_gives_synthetic_values()
    {
        var example = Path.Combine(scratch.Path, "broken.json");
        await File.WriteAllTextAsync(example, "{not json");
        var schema = new ModelSchema([new FieldSpec("x", TensorType.Fp32, [-1, 3])], [], []);

        var batch = WarmupInputs.Create(schema, 2, example);

        var input = Assert.Single(batch.Inputs);
        Assert.Equal([2L, 3L], input.Shape);
        Assert.Equal(new float[6], (float[])input.Data);
    }

    [Fact]
    public async Task A_tensor_example_in_the_inputs_form_fills_a_fixed_width_tensor()
    {
        var example = Path.Combine(scratch.Path, "tensor.json");
        await File.WriteAllTextAsync(example, """{"inputs": [[1, 2, 3.5], [4, 5, 6]]}""");
        var schema = new ModelSchema([new FieldSpec("x", TensorType.Fp64, [-1, 3])], [], []);

        var batch = WarmupInputs.Create(schema, 3, example);

        Assert.Equal([1.0, 2.0, 3.5, 4.0, 5.0, 6.0, 1.0, 2.0, 3.5], (double[])Assert.Single(batch.Inputs).Data);
    }
}
