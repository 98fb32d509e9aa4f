using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// A request that passed every stage of validation: its tensors named and typed exactly as the model's inputs
/// (dim 0 = <see cref="Rows"/>; a column keeps its signature's rank, <c>[rows]</c> or <c>[rows,1]</c>), the inputs it
/// sent that the signature lacks (ignored, listed in <c>X-Slipway-Ignored-Inputs</c>), the params typed per the
/// signature with defaults filled, and what the protocol envelope said about routing and admission.
/// </summary>
public sealed record DecodedRequest(InferenceBatch Batch, int Rows)
{
    public IReadOnlyList<string> IgnoredInputs { get; init; } = [];

    /// <summary>Params by name: <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>, <c>bool</c>, <c>string</c>, or an array of those for list params.</summary>
    public IReadOnlyDictionary<string, object?> Params => Batch.Params;

    /// <summary>OIP <c>id</c>, echoed in the response.</summary>
    public string? ClientId { get; init; }

    /// <summary>OIP <c>outputs[].name</c> in request order; null = all outputs.</summary>
    public IReadOnlyList<string>? RequestedOutputs { get; init; }

    /// <summary>OIP <c>parameters.priority</c> (1 highest, 0 the token's default).</summary>
    public long? Priority { get; init; }

    /// <summary>OIP <c>parameters.timeout</c> in microseconds.</summary>
    public long? TimeoutMicros { get; init; }

    /// <summary>The value of <see cref="DecodeOptions.StickyJsonField"/> as text, when present.</summary>
    public string? StickyKey { get; init; }
}
