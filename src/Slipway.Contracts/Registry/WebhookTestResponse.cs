namespace Slipway.Contracts.Registry;

/// <summary>The outcome of a test delivery. The receiver's response body is never relayed (governance.md §6.4).</summary>
public sealed record WebhookTestResponse(bool Success, int? ResponseStatus, string? ErrorMessage);
