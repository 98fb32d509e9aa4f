using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// The answer to one <see cref="WorkItem"/>: its outputs (this request's rows only, every output of the schema) or an
/// <see cref="Error"/> (503 <c>QUEUE_FULL</c>/<c>SHED</c>/<c>MODEL_NOT_READY</c>, 504 <c>DEADLINE_EXCEEDED</c>, 500
/// <c>INFERENCE_FAILED</c> with <see cref="ErrorId"/> in the message and the log). <see cref="QueueTime"/> is the wait
/// for an executor, <see cref="InferTime"/> the engine time of the runs that computed it, <see cref="BatchRows"/> the
/// rows of the engine run it was part of (the chunk size when chunked) and <see cref="Chunks"/> how many runs it was
/// split into.
/// </summary>
public sealed record WorkResult(IReadOnlyList<Tensor>? Outputs, ServingError? Error, TimeSpan QueueTime, TimeSpan InferTime, int BatchRows, int Chunks)
{
    public string? ErrorId { get; init; }

    internal static WorkResult Failed(ServingError error, TimeSpan queueTime = default) => new(null, error, queueTime, TimeSpan.Zero, 0, 0);
}
