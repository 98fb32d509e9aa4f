namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// What an OIP response body says about who answered (serving spec §7.1): the deployment called (<c>model_name</c>),
/// the registry version, the request's id (the client's OIP <c>id</c>, else the request id), the prediction id and
/// the route.
/// </summary>
public sealed record ResponseInfo(string ModelName, string ModelVersion, string Id, string PredictionId, string Route);
