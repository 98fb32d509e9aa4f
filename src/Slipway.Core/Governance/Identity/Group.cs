namespace Slipway.Core.Governance.Identity;

/// <summary>A set of users. Local groups are managed through the API; <c>oidc</c> groups mirror the identity provider's groups claim.</summary>
public sealed class Group
{
    public const string LocalSource = "local";
    public const string OidcSource = "oidc";

    public long Id { get; set; }

    public required string Name { get; set; }

    public required string NormalizedName { get; set; }

    public string? Description { get; set; }

    public string Source { get; set; } = LocalSource;

    public long CreatedAt { get; set; }
}
