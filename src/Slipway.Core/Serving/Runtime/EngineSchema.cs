namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// What an engine says a loaded model takes and gives, before the signature is applied: its inputs (all of which a run
/// needs), every output it can produce, and the outputs served when the signature names none (for ML.NET the scoring
/// columns, not the pipeline's intermediate ones).
/// </summary>
internal sealed record EngineSchema(IReadOnlyList<FieldSpec> Inputs, IReadOnlyList<FieldSpec> Outputs, IReadOnlyList<FieldSpec> DefaultOutputs)
{
    public FieldSpec? Input(string name) => Inputs.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    public FieldSpec? Output(string name) => Outputs.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>One value per row: a <c>[-1]</c> or <c>[-1, 1]</c> tensor.</summary>
    public static bool IsColumnShape(IReadOnlyList<long> shape) =>
        (shape.Count == 1 && shape[0] < 0) || (shape.Count == 2 && shape[0] < 0 && shape[1] == 1);
}
