using System.Text.Json;

namespace Slipway.Core.Serving.Protocols;

/// <summary>What a reader found in a request's envelope (stage 2), handed to <see cref="SignatureBinder"/>.</summary>
internal sealed class Envelope(ProtocolDialect dialect, bool markers)
{
    public ProtocolDialect Dialect { get; } = dialect;

    /// <summary>True when the body held bare NaN/Infinity tokens (see <see cref="JsonBody"/>).</summary>
    public bool Markers { get; } = markers;

    public List<InputSource> Inputs { get; } = [];

    /// <summary>Rows of a row-oriented body, known even when it names no input (an empty <c>instances</c>).</summary>
    public int? Rows { get; set; }

    /// <summary>The body's top-level object, where the sticky field is looked up first.</summary>
    public JsonElement? Root { get; set; }

    public JsonElement? Params { get; set; }

    public bool RefuseUnknownParams { get; set; }

    public string? ClientId { get; set; }

    public List<string>? RequestedOutputs { get; set; }

    public long? Priority { get; set; }

    public long? TimeoutMicros { get; set; }
}
