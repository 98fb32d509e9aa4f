namespace Slipway.Core.Registry.Events;

/// <summary>An MLflow 3.3+ webhook: where to send which events, signed with a secret that is encrypted at rest.</summary>
public sealed class Webhook
{
    /// <summary>The webhook id MLflow clients see.</summary>
    public required string Id { get; set; }

    public long WorkspaceId { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public required string Url { get; set; }

    /// <summary>JSON array of <c>{"entity","action"}</c> pairs.</summary>
    public required string Events { get; set; }

    /// <summary>The signing secret, protected (encrypted) for storage; null when the webhook has none.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary><c>ACTIVE</c> or <c>DISABLED</c>.</summary>
    public string Status { get; set; } = "ACTIVE";

    public long CreationTimestamp { get; set; }

    public long LastUpdatedTimestamp { get; set; }
}
