using System.Text.Json.Nodes;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// One input or output as the model takes or gives it. <see cref="Shape"/> is the full shape with <c>-1</c> for
/// variable dims; for batchable models dim 0 is <c>-1</c> (the batch). A column of an MLflow column signature is a
/// <c>[-1]</c> or <c>[-1, 1]</c> tensor (<see cref="IsColumn"/>): one value per row. <see cref="Required"/> false
/// means the input may be absent or null (MLflow <c>required: false</c>); absent float values become NaN.
/// </summary>
public sealed record FieldSpec(string Name, TensorType Type, IReadOnlyList<long> Shape, bool Required = true, bool IsColumn = false)
{
    /// <summary>The dims after the batch dim (may hold <c>-1</c>).</summary>
    public IReadOnlyList<long> RowShape => Shape.Count <= 1 ? [] : Shape.Skip(1).ToArray();

    /// <summary>Elements per row when every non-batch dim is fixed; null when one is variable.</summary>
    public int? FixedElementsPerRow => RowShape.Any(d => d < 0) ? null : checked((int)Tensor.ElementCount(RowShape.ToArray()));
}

/// <summary>An inference parameter of the signature's <c>params</c> (MLflow ParamSchema): name, MLflow type, default, shape.</summary>
public sealed record ParamSpec(string Name, string Type, JsonNode? Default, IReadOnlyList<long>? Shape);

/// <summary>
/// What a loaded version takes and gives, from its MLflow signature checked against the engine's own metadata
/// (serving spec §2.1). Drives decoding and validation of every protocol.
/// </summary>
public sealed record ModelSchema(IReadOnlyList<FieldSpec> Inputs, IReadOnlyList<FieldSpec> Outputs, IReadOnlyList<ParamSpec> Params)
{
    /// <summary>True when the signature is made of columns (MLflow column specs) rather than named tensors.</summary>
    public bool IsColumnar => Inputs.Count > 0 && Inputs.All(i => i.IsColumn);

    /// <summary>Batchable iff every input and output has a variable dim 0 (serving spec §4.1).</summary>
    public bool Batchable => Inputs.Count > 0 && Inputs.Concat(Outputs).All(f => f.Shape.Count > 0 && f.Shape[0] < 0);

    public FieldSpec? Input(string name) => Inputs.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));
}
