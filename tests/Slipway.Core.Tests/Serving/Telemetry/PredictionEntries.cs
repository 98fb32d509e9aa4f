using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Tests.Serving.Telemetry;

/// <summary>Prediction entries as the inference pipeline would hand them over: two rows of two inputs and a [2,2] output.</summary>
internal static class PredictionEntries
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static PredictionEntry Create(
        string predictionId,
        long workspaceId = 1,
        string deployment = "income",
        int sequence = 0,
        string role = "primary",
        string route = "champion",
        string status = "ok",
        double samplePercent = 100) => new()
        {
            PredictionId = predictionId,
            RequestId = "req-" + predictionId,
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
            Timestamp = Start.AddMilliseconds(sequence).AddTicks(7),
            WorkspaceId = workspaceId,
            Deployment = deployment,
            RouteId = route,
            Role = role,
            SelectedBy = "sticky",
            KeyHash = "b51c0e2a9d3f4e11",
            ModelName = "income-model",
            Version = 7,
            Alias = "champion",
            Flavor = "onnx",
            ArtifactDigest = "sha256:9f2c",
            SignatureDigest = "sha256:41aa",
            Protocol = "v2",
            Tier = "standard",
            Principal = "tok_7Q",
            Rows = 2,
            Inputs =
            [
                new Tensor("age", TensorType.Int64, [2, 1], new long[] { sequence, sequence + 1 }),
                new Tensor("hours", TensorType.Fp32, [2], new[] { 40.5f, float.NaN }),
            ],
            Outputs = [new Tensor("probabilities", TensorType.Fp64, [2, 2], new[] { 0.81, 0.19, 0.22, double.PositiveInfinity })],
            Params = new Dictionary<string, object?> { ["threshold"] = 0.5, ["note"] = "x" },
            Status = status,
            HttpStatus = status == "ok" ? 200 : 400,
            ErrorCode = status == "ok" ? null : "INPUT_MISSING",
            QueueSeconds = 0.0004,
            InferSeconds = 0.0011,
            TotalSeconds = 0.0031,
            BatchRows = 17,
            BatchChunks = 1,
            PayloadSamplePercent = samplePercent,
        };
}
