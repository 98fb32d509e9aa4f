using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// What the inference pipeline hands the prediction log for one request or shadow copy (serving spec §7.2–7.3); the
/// log turns it into a <c>slipway.prediction.v1</c> record off the request path. <see cref="Inputs"/> and
/// <see cref="Outputs"/> are the tensors the model saw and gave (null when the request failed before or during
/// them); the log drops them when the deployment's sample misses or the log is full.
/// </summary>
public sealed record PredictionEntry
{
    public required string PredictionId { get; init; }

    public required string RequestId { get; init; }

    public string? TraceId { get; init; }

    /// <summary>When the request was admitted.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    public required long WorkspaceId { get; init; }

    public required string Deployment { get; init; }

    public string? RouteId { get; init; }

    /// <summary><c>primary</c>, <c>shadow</c> or <c>direct</c>.</summary>
    public required string Role { get; init; }

    /// <summary><c>weight</c>, <c>sticky</c> or <c>explicit</c>.</summary>
    public string? SelectedBy { get; init; }

    /// <summary>A truncated hash of the sticky key (never the key).</summary>
    public string? KeyHash { get; init; }

    public string? ModelName { get; init; }

    public int? Version { get; init; }

    public string? Alias { get; init; }

    public string? Flavor { get; init; }

    public string? ArtifactDigest { get; init; }

    public string? SignatureDigest { get; init; }

    /// <summary><c>v2</c>, <c>v1</c> or <c>mlflow</c>.</summary>
    public required string Protocol { get; init; }

    public required string Tier { get; init; }

    /// <summary>An opaque principal reference (token id or user name hash), never a secret.</summary>
    public string? Principal { get; init; }

    public int Rows { get; init; }

    public IReadOnlyList<Tensor>? Inputs { get; init; }

    public IReadOnlyList<Tensor>? Outputs { get; init; }

    public IReadOnlyDictionary<string, object?>? Params { get; init; }

    /// <summary><c>ok</c>, <c>rejected</c> or <c>error</c>.</summary>
    public required string Status { get; init; }

    public int HttpStatus { get; init; }

    public string? ErrorCode { get; init; }

    public double QueueSeconds { get; init; }

    public double InferSeconds { get; init; }

    public double TotalSeconds { get; init; }

    public int BatchRows { get; init; }

    public int BatchChunks { get; init; }

    /// <summary>Percent of requests whose payloads the deployment keeps (its <c>log.sample_percent</c>).</summary>
    public double PayloadSamplePercent { get; init; } = 100;
}
