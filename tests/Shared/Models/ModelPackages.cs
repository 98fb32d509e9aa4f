using System.Text;
using System.Text.Json;

namespace Slipway.Tests.Models;

/// <summary>
/// Builds model packages in a directory the caller owns (typically a <see cref="ScratchDirectory"/> sub-folder), from
/// the models of <see cref="TestModels"/>: each method fills <paramref name="directory"/> and returns it.
/// </summary>
public static class ModelPackages
{
    public const string OnnxFile = "adult-census.onnx";
    public const string MlnetFile = "adult-census.zip";

    /// <summary>The outputs of the exported ONNX graph: ML.NET names them after its scoring columns.</summary>
    public static readonly IReadOnlyList<(string Name, string Dtype)> OnnxOutputs =
        [("PredictedLabel.output", "bool"), ("Score.output", "float32"), ("Probability.output", "float32")];

    /// <summary>A bare ONNX graph: <c>adult-census.onnx</c> alone.</summary>
    public static string BareOnnx(string directory)
    {
        File.Copy(TestModels.AdultCensus.OnnxPath, Path.Combine(directory, OnnxFile));
        return directory;
    }

    /// <summary>An ML.NET model: <c>adult-census.zip</c> alone.</summary>
    public static string MlnetZip(string directory)
    {
        File.Copy(TestModels.AdultCensus.MlnetZipPath, Path.Combine(directory, MlnetFile));
        return directory;
    }

    /// <summary>
    /// An MLflow model directory as <c>mlflow.onnx.log_model</c> writes it: <c>MLmodel</c> with the <c>onnx</c> and
    /// <c>python_function</c> flavors, a column signature (<see cref="MlflowInputsJson"/>, <see cref="MlflowOutputsJson"/>),
    /// <c>model.onnx</c>, <c>input_example.json</c>, <c>serving_input_example.json</c> and the environment files.
    /// </summary>
    public static string MlflowOnnx(string directory)
    {
        File.Copy(TestModels.AdultCensus.OnnxPath, Path.Combine(directory, "model.onnx"));
        var mlmodel = $"""
            artifact_path: model
            flavors:
              onnx:
                code: null
                data: model.onnx
                onnx_version: 1.17.0
                providers:
                - CUDAExecutionProvider
                - CPUExecutionProvider
              python_function:
                data: model.onnx
                env:
                  conda: conda.yaml
                  virtualenv: python_env.yaml
                loader_module: mlflow.onnx
                python_version: 3.11.7
            mlflow_version: 2.19.0
            model_size_bytes: {new FileInfo(TestModels.AdultCensus.OnnxPath).Length}
            model_uuid: 0f6c2a9be1d34c5f8a7b19e2d4c6a801
            run_id: 5b1e8f0c3a2d4e6f9b7c1d2e3f4a5b6c
            saved_input_example_info:
              artifact_path: input_example.json
              pandas_orient: split
              serving_input_path: serving_input_example.json
              type: dataframe
            signature:
              inputs: '{MlflowInputsJson}'
              outputs: '{MlflowOutputsJson}'
              params: null
            utc_time_created: '2025-06-01 12:00:00.000000'

            """;
        File.WriteAllText(Path.Combine(directory, "MLmodel"), mlmodel);
        File.WriteAllText(Path.Combine(directory, "input_example.json"), InputExampleJson);
        File.WriteAllText(Path.Combine(directory, "serving_input_example.json"), $$"""{"dataframe_split": {{InputExampleJson}}}""");
        WriteEnvironment(directory, "onnx==1.17.0");
        return directory;
    }

    /// <summary>
    /// An MLflow model that only pickle can load, as <c>mlflow.sklearn.log_model</c> writes it: the <c>sklearn</c>
    /// flavor with a cloudpickled <c>model.pkl</c>. The pickle is junk bytes behind a pickle header: nothing may ever
    /// try to load it.
    /// </summary>
    public static string PickleOnlyMlflow(string directory)
    {
        File.WriteAllBytes(Path.Combine(directory, "model.pkl"), [0x80, 0x05, .. Encoding.ASCII.GetBytes("never unpickled: junk bytes standing in for a model"), 0x2e]);
        File.WriteAllText(Path.Combine(directory, "MLmodel"), """
            artifact_path: model
            flavors:
              python_function:
                env:
                  conda: conda.yaml
                  virtualenv: python_env.yaml
                loader_module: mlflow.sklearn
                model_path: model.pkl
                predict_fn: predict
                python_version: 3.11.7
              sklearn:
                code: null
                pickled_model: model.pkl
                serialization_format: cloudpickle
                sklearn_version: 1.5.2
            mlflow_version: 2.19.0
            model_uuid: 7d4b1c2e9f0a4b3c8d6e5f7a1b2c3d4e
            signature:
              inputs: '[{"type": "double", "name": "age", "required": true}, {"type": "double", "name": "hours_per_week", "required": true}]'
              outputs: '[{"type": "long", "required": true}]'
              params: null
            utc_time_created: '2025-06-01 12:00:00.000000'

            """);
        WriteEnvironment(directory, "scikit-learn==1.5.2");
        return directory;
    }

    /// <summary>A file named <c>model.onnx</c> holding the first half of the real graph: ONNX Runtime cannot parse it.</summary>
    public static string CorruptOnnx(string directory)
    {
        var bytes = File.ReadAllBytes(TestModels.AdultCensus.OnnxPath);
        File.WriteAllBytes(Path.Combine(directory, "model.onnx"), bytes[..(bytes.Length / 2)]);
        return directory;
    }

    /// <summary>The MLflow column signature of the model's inputs, as MLflow serializes it.</summary>
    public static string MlflowInputsJson =>
        "[" + string.Join(", ", AdultCensusRow.Columns.Select(c => $$"""{"type": "{{c.MlflowType}}", "name": "{{c.Name}}", "required": true}""")) + "]";

    /// <summary>The MLflow tensor signature of the ONNX graph's outputs, as MLflow serializes it.</summary>
    public static string MlflowOutputsJson =>
        "[" + string.Join(", ", OnnxOutputs.Select(o => $$"""{"type": "tensor", "tensor-spec": {"dtype": "{{o.Dtype}}", "shape": [-1, 1]}, "name": "{{o.Name}}"}""")) + "]";

    /// <summary>Two rows in pandas' split orient, as MLflow saves an input example.</summary>
    public static string InputExampleJson => JsonSerializer.Serialize(new
    {
        columns = AdultCensusRow.Columns.Select(c => c.Name).ToArray(),
        data = new object[][]
        {
            [39, 13f, 40f, 2174.0, "State-gov", "Never-married", "Male"],
            [50, 13f, 13f, 0.0, "Self-emp-not-inc", "Married-civ-spouse", "Male"],
        },
    });

    private static void WriteEnvironment(string directory, string requirement)
    {
        File.WriteAllText(Path.Combine(directory, "requirements.txt"), $"mlflow==2.19.0\n{requirement}\n");
        File.WriteAllText(Path.Combine(directory, "python_env.yaml"), "python: 3.11.7\nbuild_dependencies:\n- pip\ndependencies:\n- -r requirements.txt\n");
        File.WriteAllText(Path.Combine(directory, "conda.yaml"), $"channels:\n- conda-forge\ndependencies:\n- python=3.11.7\n- pip:\n  - mlflow==2.19.0\n  - {requirement}\nname: mlflow-env\n");
    }
}
