namespace Slipway.Core.Governance.Oidc;

/// <summary>OpenID Connect single sign-on (section <c>Auth:Oidc</c>); see docs/sso.md and docs/configuration.md.</summary>
public sealed class OidcOptions
{
    public const string SectionName = "Auth:Oidc";
    public const string DefaultRedirectPath = "/api/v1/auth/oidc/callback";

    /// <summary>Off by default; the sign-in routes answer 404 until it is on.</summary>
    public bool Enabled { get; set; }

    /// <summary>The issuer URL; discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Sent to the token endpoint with HTTP Basic (client_secret_basic). Never logged or audited.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Space-separated; must include <c>openid</c>. Default <c>openid profile email groups</c>.</summary>
    public string Scopes { get; set; } = "openid profile email groups";

    /// <summary>The ID token claim listing the user's groups (an array of strings, or one string). Default <c>groups</c>.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim that names a new user; <c>email</c>, then <c>sub</c>, when it is missing. Default <c>preferred_username</c>.</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// The redirect URI registered at the identity provider: a path on this server (combined with the request's
    /// scheme and host), or an absolute URL when a proxy serves Slipway under another origin. The callback itself is
    /// always served at <see cref="DefaultRedirectPath"/>.
    /// </summary>
    public string RedirectPath { get; set; } = DefaultRedirectPath;

    /// <summary>Refuse discovery and keys over plain http. Default true; tests on loopback turn it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// Identity-provider groups whose members are platform admins. Optional; when set, an OIDC user's admin flag
    /// follows membership at every sign-in (gained and lost).
    /// </summary>
    public List<string> AdminGroups { get; set; } = [];

    /// <summary>Role bindings for identity-provider groups, created at sign-in when missing.</summary>
    public List<OidcGroupRole> GroupRoles { get; set; } = [];

    /// <summary>Checks the section at start-up; each problem names its key.</summary>
    public static IEnumerable<(string Key, string Problem)> Validate(OidcOptions options)
    {
        if (!options.Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            yield return ("Auth:Oidc:Authority", "is required when Auth:Oidc:Enabled is true (the issuer URL, e.g. 'https://login.example.com/realms/main')");
        }
        else if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https")
                 || !string.IsNullOrEmpty(authority.Query) || !string.IsNullOrEmpty(authority.Fragment))
        {
            yield return ("Auth:Oidc:Authority", $"must be an absolute http(s) URL without query or fragment, not '{options.Authority}'");
        }
        else if (options.RequireHttpsMetadata && authority.Scheme != "https")
        {
            yield return ("Auth:Oidc:Authority", "must use https while Auth:Oidc:RequireHttpsMetadata is true");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            yield return ("Auth:Oidc:ClientId", "is required when Auth:Oidc:Enabled is true");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            yield return ("Auth:Oidc:ClientSecret", "is required when Auth:Oidc:Enabled is true (Slipway is a confidential client)");
        }

        if (!options.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            yield return ("Auth:Oidc:Scopes", $"must include 'openid', not '{options.Scopes}'");
        }

        if (string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            yield return ("Auth:Oidc:GroupsClaim", "must name a claim");
        }

        if (string.IsNullOrWhiteSpace(options.UsernameClaim))
        {
            yield return ("Auth:Oidc:UsernameClaim", "must name a claim");
        }

        var redirect = options.RedirectPath;
        var isPath = redirect.StartsWith('/') && !redirect.StartsWith("//", StringComparison.Ordinal);
        var isUrl = Uri.TryCreate(redirect, UriKind.Absolute, out var redirectUri) && redirectUri.Scheme is "http" or "https";
        if (!isPath && !isUrl)
        {
            yield return ("Auth:Oidc:RedirectPath", $"must be a path starting with '/' or an absolute http(s) URL, not '{redirect}'");
        }

        for (var i = 0; i < options.GroupRoles.Count; i++)
        {
            var mapping = options.GroupRoles[i];
            if (string.IsNullOrWhiteSpace(mapping.Group) || string.IsNullOrWhiteSpace(mapping.Workspace) || string.IsNullOrWhiteSpace(mapping.Role))
            {
                yield return ($"Auth:Oidc:GroupRoles:{i}", "needs Group, Workspace and Role (e.g. Group=ml-engineers, Workspace=default, Role=ML Engineer)");
            }
        }
    }
}
