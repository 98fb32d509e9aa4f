using System.Net;

namespace Slipway.Client;

/// <summary>
/// A deployment's answer: the body as the server sent it, and the response metadata headers (serving spec §7.1) that
/// say which deployment, registry model, version and route answered, in which tier, under which prediction id.
/// </summary>
public sealed record PredictionResult(
    HttpStatusCode StatusCode,
    string Body,
    string? Deployment,
    string? Model,
    string? ModelVersion,
    string? PredictionId,
    string? Route,
    string? Tier,
    string? RequestId)
{
    internal const string TargetVersionHeader = "X-Slipway-Target-Version";
    internal const string PriorityHeader = "X-Slipway-Priority";

    internal static PredictionResult From(HttpResponseMessage response, string body) => new(
        response.StatusCode,
        body,
        Header(response, "X-Slipway-Deployment"),
        Header(response, "X-Slipway-Model"),
        Header(response, "X-Slipway-Model-Version"),
        Header(response, "X-Slipway-Prediction-Id"),
        Header(response, "X-Slipway-Route"),
        Header(response, "X-Slipway-Tier"),
        Header(response, "X-Request-Id"));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
