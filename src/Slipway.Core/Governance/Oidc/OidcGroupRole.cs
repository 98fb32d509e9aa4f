namespace Slipway.Core.Governance.Oidc;

/// <summary>One <c>Auth:Oidc:GroupRoles</c> entry: members of the identity-provider group get the role in the workspace.</summary>
public sealed class OidcGroupRole
{
    public string Group { get; set; } = "";

    /// <summary>The workspace name, e.g. <c>default</c>.</summary>
    public string Workspace { get; set; } = "";

    /// <summary>A role name: a built-in role (<c>Viewer</c>, <c>ML Engineer</c>, …) or a custom role of the workspace.</summary>
    public string Role { get; set; } = "";
}
