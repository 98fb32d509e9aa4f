namespace Slipway.Core.Registry.Webhooks;

/// <summary>A webhook's status (MLflow's <c>WebhookStatus</c>).</summary>
public static class WebhookStatus
{
    public const string Active = "ACTIVE";
    public const string Disabled = "DISABLED";

    public static string? Canonical(string? status) => status?.ToUpperInvariant() switch
    {
        Active => Active,
        Disabled => Disabled,
        _ => null,
    };
}

/// <summary>A delivery's status in the outbox and delivery log.</summary>
public static class DeliveryStatus
{
    public const string Pending = "PENDING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
}
