using Microsoft.ML;
using Microsoft.ML.Data;

namespace Slipway.Tests.Models;

/// <summary>
/// Models trained in the test run from <c>../shared/data/adult-census.csv</c>, never downloaded: an ML.NET binary
/// classifier (over 50K or not) saved as an ML.NET <c>.zip</c> and exported to ONNX. Trained once per test process on an
/// eighth of the rows (a few seconds) and kept in a temp folder removed when the process exits. Copy the files
/// (<see cref="ModelPackages"/> does) rather than changing them.
/// </summary>
public static class TestModels
{
    private static readonly Lazy<TrainedModel> AdultCensusModel = new(TrainAdultCensus, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TrainedModel AdultCensus => AdultCensusModel.Value;

    /// <summary>The columns the exported ONNX graph outputs (ML.NET's scoring columns).</summary>
    public static readonly IReadOnlyList<string> ScoreColumns = ["PredictedLabel", "Score", "Probability"];

    private static TrainedModel TrainAdultCensus()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"slipway-test-models-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(directory);

        var ml = new MLContext(seed: 1);
        var training = ml.Data.LoadFromEnumerable(AdultCensusExample.Read(TestData.File("adult-census.csv"), every: 8));
        var pipeline = ml.Transforms.Conversion.ConvertType(
                [new InputOutputColumnPair("age_single", "age"), new InputOutputColumnPair("capital_gain_single", "capital_gain")], DataKind.Single)
            .Append(ml.Transforms.Categorical.OneHotEncoding(
                [new InputOutputColumnPair("workclass_onehot", "workclass"), new InputOutputColumnPair("marital_status_onehot", "marital_status"), new InputOutputColumnPair("sex_onehot", "sex")]))
            .Append(ml.Transforms.Concatenate("Features", "age_single", "education_num", "hours_per_week", "capital_gain_single", "workclass_onehot", "marital_status_onehot", "sex_onehot"))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(labelColumnName: nameof(AdultCensusExample.Label), featureColumnName: "Features"));
        var model = pipeline.Fit(training);

        // Saved and exported over the inputs only, so the label is no input of either model.
        var inputs = ml.Data.LoadFromEnumerable(Array.Empty<AdultCensusRow>());
        var zip = Path.Combine(directory, "adult-census.zip");
        ml.Model.Save(model, inputs.Schema, zip);
        var onnx = Path.Combine(directory, "adult-census.onnx");
        using (var stream = File.Create(onnx))
        {
            ml.Model.ConvertToOnnx(model, inputs, stream, [.. ScoreColumns]);
        }

        return new TrainedModel(zip, onnx);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort at process exit.
        }
    }
}

/// <summary>Where the trained model's files are: the ML.NET <c>.zip</c> and its ONNX export.</summary>
public sealed record TrainedModel(string MlnetZipPath, string OnnxPath);
