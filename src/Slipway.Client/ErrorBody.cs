namespace Slipway.Client;

/// <summary>Either error shape: RFC 9457 problem details on /api/v1, <c>{"error_code","message"}</c> on MLflow routes.</summary>
internal sealed record ErrorBody(string? Title, string? Detail, int? Status, string? Code, string? ErrorCode, string? Message);
