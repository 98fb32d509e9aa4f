namespace Slipway.Core.Governance;

/// <summary>An API token; only the SHA-256 of the secret is stored.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown in listings so that a person can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }

    /// <summary>The owner's name, kept beside <see cref="UserId"/> for listings and logs.</summary>
    public required string Principal { get; set; }

    /// <summary>The user or service account the token acts as.</summary>
    public long UserId { get; set; } = Identity.User.AdminId;

    /// <summary>The one workspace the token may act in; null for a token not bound to a workspace.</summary>
    public long? WorkspaceId { get; set; }

    /// <summary>The highest permission the token carries; its owner's grants still bound it. Null: the owner's.</summary>
    public Permission? MaxPermission { get; set; }

    /// <summary>The serving tier requests made with this token get by default (<c>critical</c>, <c>standard</c>, <c>sheddable</c>); null: <c>standard</c>.</summary>
    public string? DefaultTier { get; set; }

    /// <summary>The highest serving tier a request may ask for with this token; null: <c>standard</c>.</summary>
    public string? MaxTier { get; set; }

    /// <summary>Inference token-bucket refill rate per second; null: no per-token rate limit.</summary>
    public double? RatePerSecond { get; set; }

    /// <summary>Inference token-bucket size; null: the rate rounded up (at least 1).</summary>
    public int? Burst { get; set; }

    /// <summary>Inference requests allowed per UTC day; null: unlimited.</summary>
    public long? DailyRequestQuota { get; set; }

    /// <summary>Inference rows allowed per UTC day; null: unlimited.</summary>
    public long? DailyRowQuota { get; set; }

    public long? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    public long CreatedAt { get; set; }

    public long? ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }
}
