using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Slipway.Core.Registry;
using Slipway.Core.Registry.Packages;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Registry.Packages;

public sealed class ModelPackageInspectorTests : IDisposable
{
    private readonly ScratchDirectory scratch = new("slipway-inspect");
    private readonly ModelPackageInspector inspector = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_bare_onnx_file_is_read_from_its_graph_with_names_dtypes_and_a_dynamic_batch_dimension()
    {
        var package = await InspectAsync(ModelPackages.BareOnnx(scratch.Sub("onnx")));

        Assert.Equal(PackageFormats.Onnx, package.Format);
        Assert.Equal("onnx", package.Flavor);
        Assert.False(package.UnsafeFormat);
        Assert.Null(package.InputExamplePath);
        Assert.Equal("""{"onnx":{"data":"adult-census.onnx"}}""", package.FlavorsJson);
        var (inputs, outputs) = SignatureAssert.Parse(package.SignatureJson);
        Assert.Equal(7, inputs.Count);
        SignatureAssert.Tensor(inputs[0], "age", "int64", -1, 1);
        SignatureAssert.Tensor(inputs[1], "education_num", "float32", -1, 1);
        SignatureAssert.Tensor(inputs[3], "capital_gain", "float64", -1, 1);
        SignatureAssert.Tensor(inputs[4], "workclass", "object", -1, 1);
        Assert.Equal(ModelPackages.OnnxOutputs.Count, outputs.Count);
        for (var i = 0; i < outputs.Count; i++)
        {
            SignatureAssert.Tensor(outputs[i], ModelPackages.OnnxOutputs[i].Name, ModelPackages.OnnxOutputs[i].Dtype, -1, 1);
        }
    }

    [Fact]
    public async Task An_mlnet_zip_is_read_with_its_input_columns_in_mlflow_types_and_its_scoring_columns_as_outputs()
    {
        var package = await InspectAsync(ModelPackages.MlnetZip(scratch.Sub("mlnet")));

        Assert.Equal(PackageFormats.Mlnet, package.Format);
        Assert.Equal("mlnet", package.Flavor);
        Assert.False(package.UnsafeFormat);
        Assert.Empty(package.Warnings);
        var (inputs, outputs) = SignatureAssert.Parse(package.SignatureJson);
        Assert.Equal(AdultCensusRow.Columns.Count, inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            SignatureAssert.Column(inputs[i], AdultCensusRow.Columns[i].Name, AdultCensusRow.Columns[i].MlflowType);
        }

        Assert.Equal(3, outputs.Count);
        SignatureAssert.Column(outputs[0], "PredictedLabel", "boolean");
        SignatureAssert.Column(outputs[1], "Score", "float");
        SignatureAssert.Column(outputs[2], "Probability", "float");
    }

    [Fact]
    public async Task An_mlnet_vector_column_is_a_tensor_with_a_batch_dimension_and_its_size()
    {
        var ml = new MLContext(seed: 1);
        var rows = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 8).Select(i => new VectorRow { Features = [i, i * 2, i * 3, 1] }));
        var model = ml.Transforms.NormalizeMinMax("Scaled", "Features").Fit(rows);
        var directory = scratch.Sub("vector");
        ml.Model.Save(model, rows.Schema, Path.Combine(directory, "scaler.zip"));

        var package = await InspectAsync(directory);

        var (inputs, outputs) = SignatureAssert.Parse(package.SignatureJson);
        SignatureAssert.Tensor(Assert.Single(inputs), "Features", "float32", -1, 4);
        SignatureAssert.Tensor(Assert.Single(outputs), "Scaled", "float32", -1, 4);
    }

    [Fact]
    public async Task A_zip_with_more_entries_than_any_mlnet_model_is_refused_before_ml_net_reads_it()
    {
        var directory = scratch.Sub("entries");
        using (var archive = ZipFile.Open(Path.Combine(directory, "model.zip"), ZipArchiveMode.Create))
        {
            for (var i = 0; i <= 10_000; i++)
            {
                archive.CreateEntry($"e{i}");
            }
        }

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("holds 10001 entries, over the limit of 10000", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mlflow_directory_with_an_onnx_flavor_keeps_the_signature_it_was_logged_with_and_its_input_example()
    {
        var package = await InspectAsync(ModelPackages.MlflowOnnx(scratch.Sub("mlflow")));

        Assert.Equal(PackageFormats.Mlflow, package.Format);
        Assert.Equal("onnx", package.Flavor);
        Assert.False(package.UnsafeFormat);
        Assert.Empty(package.Warnings);
        Assert.Equal("input_example.json", package.InputExamplePath);
        var flavors = System.Text.Json.Nodes.JsonNode.Parse(package.FlavorsJson!)!;
        Assert.Equal("model.onnx", (string?)flavors["onnx"]!["data"]);
        Assert.Equal("mlflow.onnx", (string?)flavors["python_function"]!["loader_module"]);
        Assert.Null(flavors["onnx"]!["code"]);
        Assert.Equal("CPUExecutionProvider", (string?)flavors["onnx"]!["providers"]![1]);
        var signature = System.Text.Json.Nodes.JsonNode.Parse(package.SignatureJson!)!;
        Assert.Equal(ModelPackages.MlflowInputsJson, (string?)signature["inputs"]);
        Assert.Equal(ModelPackages.MlflowOutputsJson, (string?)signature["outputs"]);
        var (inputs, outputs) = SignatureAssert.Parse(package.SignatureJson);
        SignatureAssert.Column(inputs[0], "age", "long");
        SignatureAssert.Column(inputs[6], "sex", "string");
        SignatureAssert.Tensor(outputs[2], "Probability.output", "float32", -1, 1);
    }

    [Fact]
    public async Task An_mlflow_directory_without_a_signature_takes_the_signature_of_its_onnx_graph_and_says_so()
    {
        var directory = ModelPackages.MlflowOnnx(scratch.Sub("mlflow"));
        RewriteMlmodel(directory, text => text[..text.IndexOf("signature:", StringComparison.Ordinal)]);

        var package = await InspectAsync(directory);

        Assert.Equal("onnx", package.Flavor);
        var (inputs, _) = SignatureAssert.Parse(package.SignatureJson);
        SignatureAssert.Tensor(inputs[0], "age", "int64", -1, 1);
        Assert.Contains(package.Warnings, w => w.Contains("no signature", StringComparison.Ordinal) && w.Contains("model.onnx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrupt_onnx_file_is_refused_with_a_message_naming_the_file_and_what_onnx_runtime_found()
    {
        var directory = ModelPackages.CorruptOnnx(scratch.Sub("corrupt"));

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("invalid_parameter_value", result.Error.Code);
        Assert.StartsWith("'model.onnx' is not a valid ONNX model: ", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Protobuf parsing failed", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(scratch.Path, result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x08, 0x07, 0x12, 0xff, 0xff, 0xff, 0xff, 0x0f })]
    public async Task An_empty_or_truncated_onnx_file_is_refused_as_well(byte[] bytes)
    {
        var directory = scratch.Sub("bytes");
        File.WriteAllBytes(Path.Combine(directory, "tiny.onnx"), bytes);

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.StartsWith("'tiny.onnx' is not a valid ONNX model: ", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mlflow_directory_whose_onnx_flavor_file_is_corrupt_is_refused_naming_that_file()
    {
        var directory = ModelPackages.MlflowOnnx(scratch.Sub("mlflow"));
        File.WriteAllBytes(Path.Combine(directory, "model.onnx"), "not a graph"u8.ToArray());

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.StartsWith("'model.onnx' is not a valid ONNX model", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pickle_only_mlflow_model_is_flagged_unsafe_and_its_pickle_is_never_opened()
    {
        var directory = ModelPackages.PickleOnlyMlflow(scratch.Sub("pickle"));

        // An exclusive lock on the pickle: any attempt to open it during inspection would fail.
        PackageInfo package;
        using (File.Open(Path.Combine(directory, "model.pkl"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Throws<IOException>(() => File.ReadAllBytes(Path.Combine(directory, "model.pkl")));
            package = await InspectAsync(directory);
        }

        Assert.Equal(PackageFormats.Mlflow, package.Format);
        Assert.Equal("sklearn", package.Flavor);
        Assert.True(package.UnsafeFormat);
        Assert.Contains(package.Warnings, w => w.Contains("unsafe_format", StringComparison.Ordinal) && w.Contains("model.pkl", StringComparison.Ordinal));
        var (inputs, _) = SignatureAssert.Parse(package.SignatureJson);
        SignatureAssert.Column(inputs[1], "hours_per_week", "double");
    }

    [Fact]
    public async Task An_mlflow_model_with_an_onnx_flavor_beside_a_pickled_one_serves_onnx_and_warns_about_the_pickle()
    {
        var directory = ModelPackages.MlflowOnnx(scratch.Sub("mixed"));
        File.WriteAllBytes(Path.Combine(directory, "model.pkl"), [0x80, 0x05, 0x2e]);
        RewriteMlmodel(directory, text => text.Replace("flavors:\n", "flavors:\n  sklearn:\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\n", StringComparison.Ordinal));

        var package = await InspectAsync(directory);

        Assert.Equal("onnx", package.Flavor);
        Assert.False(package.UnsafeFormat);
        Assert.Contains(package.Warnings, w => w.Contains("never loads them", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_zip_that_is_not_an_mlnet_model_is_refused_naming_the_file()
    {
        var directory = scratch.Sub("zip");
        using (var archive = ZipFile.Open(Path.Combine(directory, "weights.zip"), ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(archive.CreateEntry("notes.txt").Open());
            writer.Write("not a model");
        }

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.StartsWith("'weights.zip' is not a loadable ML.NET model: ", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_at_all_is_refused_as_an_mlnet_model()
    {
        var directory = scratch.Sub("zip");
        File.WriteAllText(Path.Combine(directory, "model.zip"), "plain text");

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("'model.zip' is not a loadable ML.NET model: it is not a zip archive", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_that_are_no_model_format_are_unknown_with_a_warning_not_an_error()
    {
        var directory = scratch.Sub("unknown");
        File.WriteAllText(Path.Combine(directory, "README.md"), "# weights");
        File.WriteAllText(Path.Combine(directory, "weights.bin"), "0101");

        var package = await InspectAsync(directory);

        Assert.Equal(PackageFormats.Unknown, package.Format);
        Assert.Null(package.Flavor);
        Assert.Null(package.SignatureJson);
        Assert.False(package.UnsafeFormat);
        Assert.Contains(package.Warnings, w => w.Contains("format is unknown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bare_pickle_is_unknown_and_flagged_unsafe()
    {
        var directory = scratch.Sub("pickle");
        File.WriteAllBytes(Path.Combine(directory, "model.joblib"), [0x80, 0x04, 0x2e]);

        var package = await InspectAsync(directory);

        Assert.Equal(PackageFormats.Unknown, package.Format);
        Assert.True(package.UnsafeFormat);
        Assert.Contains(package.Warnings, w => w.Contains("model.joblib", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_model_files_without_an_mlmodel_are_unknown_since_nothing_says_which_to_serve()
    {
        var directory = ModelPackages.MlnetZip(ModelPackages.BareOnnx(scratch.Sub("both")));

        var package = await InspectAsync(directory);

        Assert.Equal(PackageFormats.Unknown, package.Format);
        Assert.Contains(package.Warnings, w => w.Contains("several model files", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_package_is_refused()
    {
        var result = await inspector.InspectAsync(scratch.Sub("empty"), CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("The model package is empty.", result.Error.Message);
    }

    [Theory]
    [InlineData("flavors: [unclosed", "'MLmodel' is not valid YAML")]
    [InlineData("- just\n- a list\n", "it is not a YAML mapping")]
    [InlineData("artifact_path: model\n", "names no flavors")]
    [InlineData("flavors:\n  onnx:\n    data: missing.onnx\n", "'missing.onnx', which is not in the package")]
    [InlineData("flavors:\n  onnx:\n    data: ../outside.onnx\n", "'../outside.onnx', which is outside the package")]
    [InlineData("flavors:\n  onnx:\n    data: /etc/passwd\n", "which is outside the package")]
    [InlineData("flavors:\n  sklearn: {}\nsignature:\n  inputs: '[{\"type\": '\n", "signature.inputs is not a JSON list")]
    [InlineData("flavors:\n  sklearn: {}\nsignature:\n  inputs: '{\"type\": \"double\"}'\n", "signature.inputs is not a JSON list (it is not a JSON list)")]
    [InlineData("flavors:\n  sklearn: {}\nsignature:\n  outputs: '[]'\n", "a signature without inputs")]
    public async Task A_broken_mlmodel_is_refused_with_a_message_naming_the_problem(string mlmodel, string expected)
    {
        var directory = scratch.Sub("broken");
        File.WriteAllText(Path.Combine(directory, "MLmodel"), mlmodel);

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Equal("source", result.Error.Field);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mlmodel_whose_aliases_expand_past_the_node_limit_is_refused_instead_of_expanded()
    {
        var directory = scratch.Sub("laughs");
        var yaml = new System.Text.StringBuilder("flavors:\n  sklearn:\n    a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            yaml.Append($"    a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        File.WriteAllText(Path.Combine(directory, "MLmodel"), yaml.ToString());

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("more than 100000 YAML nodes", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mlmodel_nested_a_million_levels_deep_is_refused_instead_of_overflowing_the_stack()
    {
        var directory = scratch.Sub("deep");
        File.WriteAllText(Path.Combine(directory, "MLmodel"), "flavors: " + new string('[', 1_000_000));

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("nests deeper than 64 levels", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_mlmodel_over_one_mebibyte_is_refused_unread()
    {
        var directory = scratch.Sub("big");
        File.WriteAllText(Path.Combine(directory, "MLmodel"), "flavors: {}\n#" + new string('x', 1 << 20));

        var result = await inspector.InspectAsync(directory, CancellationToken.None);

        Assert.False(result.IsSuccess);
        Assert.Contains("over the 1048576-byte limit", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_example_is_a_warning()
    {
        var directory = ModelPackages.MlflowOnnx(scratch.Sub("mlflow"));
        File.Delete(Path.Combine(directory, "input_example.json"));

        var package = await InspectAsync(directory);

        Assert.Null(package.InputExamplePath);
        Assert.Contains(package.Warnings, w => w.Contains("'input_example.json', which is not in the package", StringComparison.Ordinal));
    }

    [Fact]
    public void The_inspector_is_registered_with_the_registry()
    {
        using var services = new ServiceCollection().AddRegistry().BuildServiceProvider();

        Assert.IsType<ModelPackageInspector>(services.GetRequiredService<IModelPackageInspector>());
    }

    private async Task<PackageInfo> InspectAsync(string directory)
    {
        var result = await inspector.InspectAsync(directory, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private sealed class VectorRow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    private static void RewriteMlmodel(string directory, Func<string, string> change)
    {
        var path = Path.Combine(directory, "MLmodel");
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }
}
