using Slipway.Core.Serving.Runtime;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Runtime;

public sealed class ModelRuntimeTests(AdultCensusRuntimesFixture models) : IClassFixture<AdultCensusRuntimesFixture>
{
    [Fact]
    public void Both_versions_take_the_seven_adult_census_columns_typed_as_the_engines_take_them()
    {
        foreach (var model in new[] { models.Onnx, models.Mlnet })
        {
            Assert.True(model.Schema.IsColumnar);
            Assert.True(model.Schema.Batchable);
            Assert.Equal(AdultCensusRow.Columns.Select(c => c.Name), model.Schema.Inputs.Select(i => i.Name));
            Assert.Equal(
                AdultCensusRow.Columns.Select(c => TensorTypes.FromMlflowColumnType(c.MlflowType)!.Value),
                model.Schema.Inputs.Select(i => i.Type));
            Assert.All(model.Schema.Inputs, i => Assert.True(i.Required));
        }

        Assert.All(models.Onnx.Schema.Inputs, i => Assert.Equal([-1L, 1L], i.Shape));
        Assert.All(models.Mlnet.Schema.Inputs, i => Assert.Equal([-1L], i.Shape));
        Assert.Equal("onnxruntime_onnx", models.Onnx.Platform);
        Assert.Equal("mlnet_zip", models.Mlnet.Platform);
    }

    [Fact]
    public void The_onnx_outputs_are_the_graph_outputs_and_the_mlnet_outputs_the_scoring_columns()
    {
        Assert.Equal(ModelPackages.OnnxOutputs.Select(o => o.Name), models.Onnx.Schema.Outputs.Select(o => o.Name));
        Assert.Equal([TensorType.Bool, TensorType.Fp32, TensorType.Fp32], models.Onnx.Schema.Outputs.Select(o => o.Type));
        Assert.Equal(TestModels.ScoreColumns, models.Mlnet.Schema.Outputs.Select(o => o.Name));
        Assert.Equal([TensorType.Bool, TensorType.Fp32, TensorType.Fp32], models.Mlnet.Schema.Outputs.Select(o => o.Type));
    }

    [Fact]
    public void The_onnx_and_mlnet_versions_give_the_same_predictions_for_a_thousand_rows()
    {
        var rows = RuntimePackages.Rows(1000);

        var onnx = models.Onnx.Run(RuntimePackages.Batch(models.Onnx.Schema, rows), CancellationToken.None);
        var mlnet = models.Mlnet.Run(RuntimePackages.Batch(models.Mlnet.Schema, rows), CancellationToken.None);

        var onnxProbability = (float[])RuntimePackages.Output(onnx, "Probability.output").Data;
        var mlnetProbability = (float[])RuntimePackages.Output(mlnet, "Probability").Data;
        var onnxLabel = (bool[])RuntimePackages.Output(onnx, "PredictedLabel.output").Data;
        var mlnetLabel = (bool[])RuntimePackages.Output(mlnet, "PredictedLabel").Data;
        Assert.Equal([1000L, 1L], RuntimePackages.Output(onnx, "Probability.output").Shape);
        Assert.Equal([1000L], RuntimePackages.Output(mlnet, "Probability").Shape);
        Assert.Equal(1000, onnxProbability.Length);
        Assert.Equal(1000, mlnetProbability.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(Math.Abs(onnxProbability[i] - mlnetProbability[i]) <= 1e-5, $"row {i}: ONNX {onnxProbability[i]}, ML.NET {mlnetProbability[i]}");
            Assert.Equal(mlnetLabel[i], onnxLabel[i]);
        }

        // Both classes occur, so equal labels say something.
        Assert.Contains(true, mlnetLabel);
        Assert.Contains(false, mlnetLabel);
    }

    [Fact]
    public async Task Concurrent_runs_from_eight_threads_answer_as_sequential_runs()
    {
        var rows = RuntimePackages.Rows(400);
        foreach (var model in new[] { models.Onnx, models.Mlnet })
        {
            var probability = model.Schema.Outputs[2].Name;
            var slices = Enumerable.Range(0, 40).Select(i => rows.Skip(i * 10).Take(10).ToList()).ToList();
            var sequential = slices.Select(s => (float[])RuntimePackages.Output(model.Run(RuntimePackages.Batch(model.Schema, s), CancellationToken.None), probability).Data).ToList();

            var concurrent = new float[slices.Count][];
            using var start = new Barrier(8);
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            {
                start.SignalAndWait();
                for (var round = 0; round < 5; round++)
                {
                    for (var i = worker; i < slices.Count; i += 8)
                    {
                        var answer = (float[])RuntimePackages.Output(model.Run(RuntimePackages.Batch(model.Schema, slices[i]), CancellationToken.None), probability).Data;
                        if (round > 0)
                        {
                            Assert.Equal(concurrent[i], answer);
                        }

                        concurrent[i] = answer;
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);

            for (var i = 0; i < slices.Count; i++)
            {
                Assert.Equal(sequential[i], concurrent[i]);
            }
        }
    }

    [Fact]
    public void A_row_alone_and_the_same_row_first_in_a_batch_of_64_give_identical_outputs()
    {
        var rows = RuntimePackages.Rows(64);
        foreach (var model in new[] { models.Onnx, models.Mlnet })
        {
            var alone = model.Run(RuntimePackages.Batch(model.Schema, rows.Take(1).ToList()), CancellationToken.None);
            var batched = model.Run(RuntimePackages.Batch(model.Schema, rows), CancellationToken.None);

            Assert.Equal(model.Schema.Outputs.Count, alone.Count);
            for (var o = 0; o < alone.Count; o++)
            {
                Assert.Equal(1, alone[o].Rows);
                Assert.Equal(64, batched[o].Rows);
                Assert.Equal(alone[o].Data.Cast<object>(), batched[o].SliceRows(0, 1).Data.Cast<object>());
            }
        }
    }

    [Fact]
    public void Columns_given_as_rank_one_tensors_reach_a_graph_that_takes_rank_two_columns()
    {
        var rows = RuntimePackages.Rows(5);
        var flat = RuntimePackages.Batch(models.Mlnet.Schema, rows);
        var shaped = RuntimePackages.Batch(models.Onnx.Schema, rows);

        Assert.Equal(
            models.Onnx.Run(shaped, CancellationToken.None)[2].Data.Cast<float>(),
            models.Onnx.Run(flat, CancellationToken.None)[2].Data.Cast<float>());
    }

    [Fact]
    public void A_cancelled_run_does_not_run()
    {
        var batch = RuntimePackages.Batch(models.Onnx.Schema, RuntimePackages.Rows(2));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => models.Onnx.Run(batch, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => models.Mlnet.Run(RuntimePackages.Batch(models.Mlnet.Schema, RuntimePackages.Rows(2)), cancelled.Token));
    }

    [Fact]
    public void A_batch_whose_input_has_the_wrong_type_is_refused_before_the_engine_runs()
    {
        var batch = RuntimePackages.Batch(models.Onnx.Schema, RuntimePackages.Rows(2));
        var wrong = batch with { Inputs = batch.Inputs.Select(t => t.Name == "age" ? new Tensor("age", TensorType.Fp64, [2, 1], new double[2]) : t).ToList() };

        var error = Assert.Throws<ArgumentException>(() => models.Onnx.Run(wrong, CancellationToken.None));
        Assert.Contains("'age'", error.Message, StringComparison.Ordinal);
    }
}
