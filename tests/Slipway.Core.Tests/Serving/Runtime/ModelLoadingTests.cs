using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Serving.Runtime;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Runtime;

public sealed class ModelLoadingTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("slipway-runtime-load");

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_corrupt_onnx_file_fails_to_load_naming_the_file_but_not_the_server_path()
    {
        var directory = ModelPackages.BareOnnx(scratch.Sub("good"));
        var package = await RuntimePackages.InspectAsync(directory);
        var corrupt = ModelPackages.CorruptOnnx(scratch.Sub("corrupt"));
        File.Move(Path.Combine(corrupt, "model.onnx"), Path.Combine(corrupt, ModelPackages.OnnxFile));

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(package with { Directory = corrupt }, CancellationToken.None));

        Assert.Contains($"'{ModelPackages.OnnxFile}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(scratch.Path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_mlnet_zip_fails_to_load_naming_the_file_but_not_the_server_path()
    {
        var directory = ModelPackages.MlnetZip(scratch.Sub("good"));
        var package = await RuntimePackages.InspectAsync(directory);
        var truncated = scratch.Sub("truncated");
        var bytes = await File.ReadAllBytesAsync(TestModels.AdultCensus.MlnetZipPath);
        await File.WriteAllBytesAsync(Path.Combine(truncated, ModelPackages.MlnetFile), bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ModelLoadException>(() => new MlnetModelRuntime().Load(package with { Directory = truncated }, CancellationToken.None));

        Assert.Contains($"'{ModelPackages.MlnetFile}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(scratch.Path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_without_its_model_file_fails_to_load_saying_which_file_is_missing()
    {
        var package = await RuntimePackages.InspectAsync(ModelPackages.MlflowOnnx(scratch.Sub("mlflow")));
        File.Delete(Path.Combine(package.Directory, "model.onnx"));

        var error = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(package, CancellationToken.None));

        Assert.Contains("'model.onnx'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("onnx")]
    [InlineData("mlnet")]
    public async Task A_signature_naming_a_column_the_model_lacks_is_refused(string flavor)
    {
        var (runtime, package) = await PackageAsync(flavor);
        var signature = WithInputs(package.SignatureJson!, inputs => inputs.Add(new JsonObject { ["type"] = "double", ["name"] = "titre", ["required"] = true }));

        var error = Assert.Throws<ModelLoadException>(() => runtime.Load(package with { SignatureJson = signature }, CancellationToken.None));

        Assert.Contains("'titre'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not have", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("onnx")]
    [InlineData("mlnet")]
    public async Task A_signature_leaving_out_an_input_the_model_needs_is_refused(string flavor)
    {
        var (runtime, package) = await PackageAsync(flavor);
        var signature = WithInputs(package.SignatureJson!, inputs => inputs.RemoveAt(inputs.Count - 1));

        var error = Assert.Throws<ModelLoadException>(() => runtime.Load(package with { SignatureJson = signature }, CancellationToken.None));

        Assert.Contains("'sex'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_column_whose_type_the_model_cannot_take_is_refused()
    {
        var (runtime, package) = await PackageAsync("mlnet");
        var signature = WithInputs(package.SignatureJson!, inputs => inputs[0] = new JsonObject { ["type"] = "string", ["name"] = "age" });

        var error = Assert.Throws<ModelLoadException>(() => runtime.Load(package with { SignatureJson = signature }, CancellationToken.None));

        Assert.Contains("'age' is string in the signature and INT64 in the model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_output_the_model_does_not_produce_is_refused()
    {
        var (runtime, package) = await PackageAsync("onnx");
        var signature = JsonNode.Parse(package.SignatureJson!)!.AsObject();
        signature["outputs"] = """[{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 2]}, "name": "probabilities"}]""";

        var error = Assert.Throws<ModelLoadException>(() => runtime.Load(package with { SignatureJson = signature.ToJsonString() }, CancellationToken.None));

        Assert.Contains("'probabilities'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mlflow_onnx_directory_loads_with_its_column_signature_over_the_graphs_tensors()
    {
        var package = await RuntimePackages.InspectAsync(ModelPackages.MlflowOnnx(scratch.Sub("mlflow")));
        var runtime = new OnnxModelRuntime();
        Assert.True(runtime.CanLoad(package));
        Assert.False(new MlnetModelRuntime().CanLoad(package));

        using var model = runtime.Load(package, CancellationToken.None);

        Assert.True(model.Schema.IsColumnar);
        Assert.Equal(AdultCensusRow.Columns.Select(c => c.Name), model.Schema.Inputs.Select(i => i.Name));
        Assert.All(model.Schema.Inputs, i => Assert.Equal([-1L, 1L], i.Shape));
        Assert.Equal(TensorType.Fp32, model.Schema.Input("hours_per_week")!.Type);
        Assert.Equal(ModelPackages.OnnxOutputs.Select(o => o.Name), model.Schema.Outputs.Select(o => o.Name));
        var outputs = model.Run(RuntimePackages.Batch(model.Schema, RuntimePackages.Rows(3)), CancellationToken.None);
        Assert.All(outputs, o => Assert.Equal(3, o.Rows));
    }

    [Fact]
    public async Task An_mlflow_directory_with_an_mlnet_flavor_loads_its_zip()
    {
        var directory = scratch.Sub("mlflow-mlnet");
        File.Copy(TestModels.AdultCensus.MlnetZipPath, Path.Combine(directory, "model.zip"));
        await File.WriteAllTextAsync(Path.Combine(directory, "MLmodel"), "flavors:\n  mlnet:\n    data: model.zip\n");
        var package = await RuntimePackages.InspectAsync(directory);
        Assert.Equal("mlnet", package.Flavor);

        using var model = new MlnetModelRuntime().Load(package, CancellationToken.None);

        Assert.Equal(TestModels.ScoreColumns, model.Schema.Outputs.Select(o => o.Name));
    }

    [Fact]
    public async Task Optional_columns_may_be_left_out_of_a_batch()
    {
        var (runtime, package) = await PackageAsync("mlnet");
        var signature = WithInputs(package.SignatureJson!, inputs => inputs[2]!["required"] = false);
        using var model = runtime.Load(package with { SignatureJson = signature }, CancellationToken.None);
        Assert.False(model.Schema.Input("hours_per_week")!.Required);
        var batch = RuntimePackages.Batch(model.Schema, RuntimePackages.Rows(4));

        var outputs = model.Run(batch with { Inputs = batch.Inputs.Where(i => i.Name != "hours_per_week").ToList() }, CancellationToken.None);

        Assert.Equal(4, outputs[0].Rows);
        Assert.Throws<ArgumentException>(() => model.Run(batch with { Inputs = batch.Inputs.Where(i => i.Name != "age").ToList() }, CancellationToken.None));
    }

    [Fact]
    public async Task Signature_params_are_kept_with_their_defaults()
    {
        var (runtime, package) = await PackageAsync("onnx");
        var signature = JsonNode.Parse(package.SignatureJson!)!.AsObject();
        signature["params"] = """[{"name": "threshold", "type": "double", "default": 0.5, "shape": null}]""";

        using var model = runtime.Load(package with { SignatureJson = signature.ToJsonString() }, CancellationToken.None);

        var param = Assert.Single(model.Schema.Params);
        Assert.Equal("threshold", param.Name);
        Assert.Equal("double", param.Type);
        Assert.Equal(0.5, param.Default!.GetValue<double>());
        Assert.Null(param.Shape);
    }

    [Fact]
    public async Task Without_a_signature_the_schema_is_the_engines()
    {
        var (runtime, package) = await PackageAsync("onnx");

        using var model = runtime.Load(package with { SignatureJson = null }, CancellationToken.None);

        Assert.Equal(AdultCensusRow.Columns.Select(c => c.Name), model.Schema.Inputs.Select(i => i.Name));
        Assert.True(model.Schema.IsColumnar);
        Assert.Equal(3, model.Schema.Outputs.Count);
    }

    [Fact]
    public async Task Onnx_sessions_run_on_the_process_wide_thread_pools_even_after_the_registry_inspected_a_graph()
    {
        var (runtime, package) = await PackageAsync("onnx");
        using var model = runtime.Load(package, CancellationToken.None);

        Assert.True(OnnxEnvironment.HasGlobalThreadPools);
    }

    [Fact]
    public void Both_runtimes_are_registered_for_dependency_injection()
    {
        using var services = new ServiceCollection().AddServingRuntimes().AddServingRuntimes().BuildServiceProvider();

        Assert.Equal(["mlnet", "onnx"], services.GetServices<IModelRuntime>().Select(r => r.Flavor).Order());
    }

    [Fact]
    public void Resident_memory_is_read()
    {
        var before = ProcessMemory.ResidentBytes();
        var block = new byte[64 << 20];
        Array.Fill(block, (byte)1);

        Assert.True(before > 0);
        Assert.True(ProcessMemory.ResidentBytes() >= before + (32 << 20));
        GC.KeepAlive(block);
    }

    private async Task<(IModelRuntime Runtime, ModelPackage Package)> PackageAsync(string flavor) => flavor == "onnx"
        ? (new OnnxModelRuntime(), await RuntimePackages.InspectAsync(ModelPackages.BareOnnx(scratch.Sub("onnx"))))
        : (new MlnetModelRuntime(), await RuntimePackages.InspectAsync(ModelPackages.MlnetZip(scratch.Sub("mlnet"))));

    private static string WithInputs(string signatureJson, Action<JsonArray> change)
    {
        var signature = JsonNode.Parse(signatureJson)!.AsObject();
        var inputs = JsonNode.Parse((string)signature["inputs"]!)!.AsArray();
        change(inputs);
        signature["inputs"] = inputs.ToJsonString();
        return signature.ToJsonString();
    }
}
