using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Hosting;

/// <summary>
/// Warm-up before Ready (serving spec §5, §4.3): runs the model at batch 1, at <c>max_batch_size</c> and at batch 1
/// again with the input example (or synthetic values), and checks that the first row's outputs inside the full batch
/// equal its outputs alone (relative 1e-6). Any exception fails the load.
/// </summary>
internal static class Warmup
{
    /// <returns>Whether batching leaves answers unchanged (false: serve this version unbatched).</returns>
    public static bool Run(ILoadedModel model, int maxBatchSize, string? inputExamplePath, CancellationToken cancellationToken)
    {
        var single = WarmupInputs.Create(model.Schema, 1, inputExamplePath);
        var alone = Checked(model, single, cancellationToken);
        if (!model.Schema.Batchable || maxBatchSize <= 1)
        {
            Checked(model, single, cancellationToken);
            return model.Schema.Batchable;
        }

        var full = WarmupInputs.Create(model.Schema, maxBatchSize, inputExamplePath);
        var batched = Checked(model, full, cancellationToken);
        Checked(model, single, cancellationToken);
        return SameFirstRow(alone, batched, full.Rows);
    }

    private static IReadOnlyList<Tensor> Checked(ILoadedModel model, InferenceBatch batch, CancellationToken cancellationToken)
    {
        var outputs = model.Run(batch, cancellationToken);
        foreach (var output in outputs)
        {
            if (output.Shape.Length == 0 || output.Shape[0] != batch.Rows)
            {
                throw new ModelLoadException($"warm-up: output '{output.Name}' has {(output.Shape.Length == 0 ? "no batch dimension" : $"{output.Shape[0]} rows")} for {batch.Rows} input rows");
            }
        }

        return outputs;
    }

    private static bool SameFirstRow(IReadOnlyList<Tensor> alone, IReadOnlyList<Tensor> batched, int rows)
    {
        foreach (var one in alone)
        {
            var other = batched.FirstOrDefault(t => t.Name == one.Name);
            if (other is null || other.Rows != rows || other.ElementsPerRow != one.ElementsPerRow)
            {
                return false;
            }

            for (var i = 0; i < one.ElementsPerRow; i++)
            {
                if (!Close(one.Data.GetValue(i), other.Data.GetValue(i)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool Close(object? a, object? b)
    {
        switch (a, b)
        {
            case (float x, float y):
                return Close(x, y);
            case (double x, double y):
                return Close(x, y);
            case (Half x, Half y):
                return Close((double)x, (double)y);
            default:
                return Equals(a, b);
        }
    }

    private static bool Close(double x, double y) =>
        x.Equals(y) || Math.Abs(x - y) <= 1e-6 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
}
