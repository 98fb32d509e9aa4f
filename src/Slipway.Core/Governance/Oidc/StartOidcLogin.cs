using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// Begins an authorization-code sign-in with PKCE (S256), state and nonce: remembers them with the page to return to
/// in <see cref="OidcLoginCookie"/> and answers the identity provider's authorization URL to redirect to.
/// </summary>
public sealed class StartOidcLogin(IOptions<OidcOptions> options, OidcDiscovery discovery, OidcLoginCookie cookie, TimeProvider time, ILogger<StartOidcLogin> logger)
{
    public const int MaxReturnToLength = 2048;

    public async Task<Result<string>> HandleAsync(HttpContext context, string? returnTo, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return OidcErrors.NotEnabled;
        }

        returnTo = string.IsNullOrEmpty(returnTo) ? "/" : returnTo;
        if (!IsLocalPath(returnTo))
        {
            return Error.Invalid("return_to must be a path on this server, such as '/models' (no scheme, host or '//').", "return_to");
        }

        string authorizationEndpoint;
        try
        {
            authorizationEndpoint = (await discovery.GetAsync(cancellationToken)).AuthorizationEndpoint;
        }
        catch (InvalidOperationException e)
        {
            logger.OidcDiscoveryFailed(settings.Authority!, e);
            return OidcErrors.Unavailable;
        }

        var verifier = RandomValue();
        var state = new OidcLoginState(RandomValue(), RandomValue(), verifier, returnTo, RedirectUri(context, settings), time.GetUtcNow().ToUnixTimeMilliseconds());
        cookie.Write(context, state);
        return QueryHelpers.AddQueryString(authorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientId,
            ["redirect_uri"] = state.RedirectUri,
            ["scope"] = settings.Scopes,
            ["state"] = state.State,
            ["nonce"] = state.Nonce,
            ["code_challenge"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });
    }

    /// <summary>
    /// A path on this server: starts with one '/', not '//' or '/\' (which browsers read as another host), and has
    /// no control characters. Anything else could send the user to another site after signing in (open redirect).
    /// </summary>
    public static bool IsLocalPath(string value) =>
        value.Length <= MaxReturnToLength
        && value.StartsWith('/')
        && !value.StartsWith("//", StringComparison.Ordinal)
        && !value.StartsWith("/\\", StringComparison.Ordinal)
        && !value.Any(char.IsControl);

    private static string RedirectUri(HttpContext context, OidcOptions settings) =>
        Uri.TryCreate(settings.RedirectPath, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? settings.RedirectPath
            : $"{context.Request.Scheme}://{context.Request.Host}{settings.RedirectPath}";

    private static string RandomValue() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
