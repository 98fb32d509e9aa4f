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

    public required string Principal { get; set; }

    public long WorkspaceId { get; set; } = Workspace.DefaultId;

    public long CreatedAt { get; set; }

    public long? ExpiresAt { get; set; }

    public long? RevokedAt { get; set; }
}
