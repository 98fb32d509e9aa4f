namespace Slipway.Client;

/// <summary>
/// Any error shape: RFC 9457 problem details on /api/v1, <c>{"error_code","message"}</c> on MLflow routes, and the
/// inference errors (<c>{"error","code"}</c> on OIP and V1, <c>slipway_code</c> beside MLflow's on <c>/invocations</c>).
/// </summary>
internal sealed record ErrorBody(
    string? Title, string? Detail, int? Status, string? Code, string? ErrorCode, string? Message, string? Error = null, string? SlipwayCode = null);
