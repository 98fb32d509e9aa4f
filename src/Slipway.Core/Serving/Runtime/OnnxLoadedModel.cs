using Microsoft.ML.OnnxRuntime;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// A loaded ONNX graph: one shared <see cref="InferenceSession"/> (concurrent <c>Run</c> is supported), fed through the
/// <see cref="OrtValue"/> API over the batch's arrays (pinned, not copied), one <see cref="RunOptions"/> per run so that
/// cancelling one run never stops another.
/// </summary>
internal sealed class OnnxLoadedModel : ILoadedModel
{
    private readonly InferenceSession session;
    private readonly SessionOptions options;
    private readonly FieldSpec[] inputs;
    private readonly string[] inputNames;
    private readonly int[] engineRanks;
    private readonly string[] outputNames;

    public OnnxLoadedModel(InferenceSession session, SessionOptions options, ModelSchema schema, EngineSchema engine)
    {
        this.session = session;
        this.options = options;
        Schema = schema;
        inputs = engine.Inputs.Select(e => schema.Input(e.Name) ?? e).ToArray();
        inputNames = inputs.Select(i => i.Name).ToArray();
        engineRanks = engine.Inputs.Select(e => e.Shape.Count).ToArray();
        outputNames = schema.Outputs.Select(o => o.Name).ToArray();
    }

    public ModelSchema Schema { get; }

    public string Platform => "onnxruntime_onnx";

    public IReadOnlyList<Tensor> Run(InferenceBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var values = new OrtValue[inputs.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var tensor = BatchInputs.For(batch, inputs[i]);
                values[i] = OrtValues.From(tensor, EngineShape(tensor, inputs[i], engineRanks[i]));
            }

            using var runOptions = new RunOptions();
            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions)
                : default;
            try
            {
                using var results = session.Run(runOptions, inputNames, values, outputNames);
                var outputs = new Tensor[outputNames.Length];
                var index = 0;
                foreach (var result in results)
                {
                    outputs[index] = OrtValues.ToTensor(outputNames[index], result);
                    index++;
                }

                return outputs;
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
        finally
        {
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }

    /// <summary>
    /// The shape handed to ONNX Runtime: the tensor's own, except that a column arrives as <c>[rows]</c> or
    /// <c>[rows, 1]</c> and is given the rank the graph declares.
    /// </summary>
    private static long[] EngineShape(Tensor tensor, FieldSpec field, int engineRank)
    {
        if (tensor.Shape.Length == engineRank || !field.IsColumn || tensor.ElementsPerRow != 1)
        {
            return tensor.Shape;
        }

        return engineRank == 2 ? [tensor.Rows, 1] : [tensor.Rows];
    }
}
