using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// Validates an ID token (OpenID Connect Core §3.1.3.7): signed with an asymmetric algorithm of
/// <see cref="AllowedAlgorithms"/> by a key of the provider's key set (an unknown key id gets one forced key-set
/// refresh), issuer exactly the discovered issuer, audience the client id (and <c>azp</c> when there are several),
/// within its lifetime give or take <see cref="ClockSkew"/>, and the nonce of this sign-in attempt.
/// </summary>
public sealed class OidcTokenValidator(IOptions<OidcOptions> options, OidcDiscovery discovery, TimeProvider time)
{
    public const int MaxGroups = 200;
    public const int MaxGroupNameLength = 256;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Asymmetric algorithms only: <c>none</c> and HMAC (keyed with the client secret) are refused.</summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<Result<OidcIdentity>> ValidateAsync(string idToken, OpenIdConnectConfiguration configuration, string expectedNonce, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = Handler.ReadJsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return Invalid("malformed");
        }

        if (!AllowedAlgorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return Invalid("algorithm", $"the algorithm '{Truncate(token.Alg ?? "")}' is not accepted");
        }

        var result = await Handler.ValidateTokenAsync(token, Parameters(configuration, token));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && !string.IsNullOrEmpty(token.Kid))
        {
            configuration = await discovery.RefreshAsync(cancellationToken);
            result = await Handler.ValidateTokenAsync(token, Parameters(configuration, token));
        }

        if (!result.IsValid)
        {
            return Invalid(ReasonFor(result.Exception));
        }

        if (string.IsNullOrEmpty(token.Subject) || token.Subject.Length > 255)
        {
            return Invalid("subject", "the token has no usable sub claim");
        }

        if (token.Audiences.Count() > 1 && !(token.TryGetPayloadValue<string>("azp", out var azp) && azp == options.Value.ClientId))
        {
            return Invalid("audience", "a token for several audiences must name this client in azp");
        }

        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || string.IsNullOrEmpty(nonce)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expectedNonce)))
        {
            return OidcErrors.Unauthenticated(OidcErrors.NonceMismatch, "The ID token's nonce does not match this sign-in attempt.");
        }

        return Identity(token);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, JsonWebToken token) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidateIssuer = true,
        ValidAudience = options.Value.ClientId,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        IssuerSigningKeys = configuration.SigningKeys,
        // With a key id, only that key may have signed; without one (single-key providers), any key of the set.
        TryAllIssuerSigningKeys = string.IsNullOrEmpty(token.Kid),
        ValidAlgorithms = AllowedAlgorithms,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>The default lifetime check against the injected clock (IdentityModel's own reads the system clock).</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (expires.Value.Add(ClockSkew) < now)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        if (notBefore is not null && notBefore.Value.Subtract(ClockSkew) > now)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = notBefore.Value };
        }

        return true;
    }

    private OidcIdentity Identity(JsonWebToken token)
    {
        var settings = options.Value;
        var subject = token.Subject;
        var email = Claim(token, "email");
        var username = Claim(token, settings.UsernameClaim) ?? email ?? subject;
        var amr = Strings(token, "amr");
        return new OidcIdentity(
            token.Issuer,
            subject,
            username,
            Claim(token, "name"),
            email,
            [.. Strings(token, settings.GroupsClaim).Where(g => g.Length is > 0 and <= MaxGroupNameLength).Distinct(StringComparer.Ordinal).Take(MaxGroups)],
            amr.Any(m => m is "mfa" or "otp" or "hwk"));
    }

    private static string? Claim(JsonWebToken token, string name) =>
        token.TryGetPayloadValue<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>A claim that is an array of strings, or one string; anything else counts as empty.</summary>
    private static IEnumerable<string> Strings(JsonWebToken token, string name)
    {
        if (token.TryGetPayloadValue<List<string>>(name, out var values) && values is not null)
        {
            return values.Where(v => v is not null);
        }

        return Claim(token, name) is { } single ? [single] : [];
    }

    private static string ReasonFor(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "audience",
        SecurityTokenInvalidIssuerException => "issuer",
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not_yet_valid",
        SecurityTokenNoExpirationException => "no_expiration",
        SecurityTokenInvalidLifetimeException => "lifetime",
        SecurityTokenSignatureKeyNotFoundException => "unknown_key",
        SecurityTokenInvalidAlgorithmException => "algorithm",
        SecurityTokenInvalidSignatureException => "signature",
        SecurityTokenMalformedException => "malformed",
        _ => "invalid",
    };

    private static Error Invalid(string reason, string? detail = null) =>
        new(ErrorKind.Unauthenticated, OidcErrors.InvalidToken, $"The ID token was refused ({reason}){(detail is null ? "" : ": " + detail)}.", reason);

    private static string Truncate(string value) => value.Length <= 16 ? value : value[..16];
}
