using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Governance.Identity.Mfa;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// The callback of an authorization-code sign-in: checks the state against <see cref="OidcLoginCookie"/> (constant
/// time; the cookie is single-use), redeems the code with the PKCE verifier, validates the ID token and its nonce,
/// provisions the user (<see cref="OidcAccounts"/>) and starts a session, all audited as <c>auth.login</c> in one
/// transaction. Every refusal is a 401 with its own code, audited (rate-collapsed per address and code) without the
/// code or any token. Answers the local path to return to.
/// </summary>
public sealed class CompleteOidcLogin(
    IOptions<OidcOptions> options,
    OidcDiscovery discovery,
    OidcLoginCookie cookie,
    OidcCodeExchange exchange,
    OidcTokenValidator validator,
    OidcAccounts accounts,
    UserSessions sessions,
    AuditLog audit,
    DenialCollapser collapser,
    AccessEvaluator access,
    SlipwayDbContext db,
    TimeProvider time,
    ILogger<CompleteOidcLogin> logger)
{
    public const string AuthMethod = "oidc";

    public async Task<Result<string>> HandleAsync(HttpContext context, string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return OidcErrors.NotEnabled;
        }

        var stored = cookie.Read(context);
        OidcLoginCookie.Delete(context);
        var result = await SignInAsync(context, stored, code, state, error, cancellationToken);
        if (!result.IsSuccess && result.Error.Kind == ErrorKind.Unauthenticated)
        {
            logger.OidcRefused(result.Error.Code, result.Error.Message);
            await RecordFailureAsync(context, result.Error, cancellationToken);
        }

        return result;
    }

    private async Task<Result<string>> SignInAsync(HttpContext context, OidcLoginState? stored, string? code, string? state, string? error, CancellationToken cancellationToken)
    {
        if (stored is null || string.IsNullOrEmpty(state)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(stored.State)))
        {
            return OidcErrors.Unauthenticated(OidcErrors.StateMismatch,
                stored is null
                    ? "No sign-in is in progress in this browser, or it is older than 10 minutes; start again."
                    : "The state returned by the identity provider does not match this sign-in attempt.");
        }

        if (!string.IsNullOrEmpty(error))
        {
            return OidcErrors.Unauthenticated(OidcErrors.ProviderError, $"The identity provider refused the sign-in ({Sanitize(error)}).");
        }

        if (string.IsNullOrEmpty(code))
        {
            return OidcErrors.Unauthenticated(OidcErrors.CodeExchangeFailed, "The identity provider returned no authorization code.");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await discovery.GetAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            logger.OidcDiscoveryFailed(options.Value.Authority!, e);
            return OidcErrors.Unavailable;
        }

        var idToken = await exchange.RedeemAsync(configuration.TokenEndpoint, code, stored, cancellationToken);
        if (!idToken.IsSuccess)
        {
            return idToken.Error;
        }

        var identity = await validator.ValidateAsync(idToken.Value, configuration, stored.Nonce, cancellationToken);
        if (!identity.IsSuccess)
        {
            return identity.Error;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = await accounts.SignInAsync(identity.Value, cancellationToken);
        if (account is null)
        {
            return OidcErrors.Unauthenticated(OidcErrors.UserDeactivated, "This account is deactivated; ask an administrator.");
        }

        var user = account.User;
        if (!identity.Value.Mfa && await MfaPolicy.IsRequiredAsync(db, user, cancellationToken))
        {
            // Platform admins (also when AdminGroups just made them one) and approvers need MFA (governance.md §6.6);
            // through single sign-on the identity provider must do it. Nothing this sign-in changed is kept.
            await transaction.RollbackAsync(cancellationToken);
            return OidcErrors.Unauthenticated(
                OidcErrors.MfaRequired,
                "This account must sign in with multi-factor authentication, and the identity provider reported none (amr); sign in at the provider with MFA.");
        }

        long? mfaAt = identity.Value.Mfa ? time.GetUtcNow().ToUnixTimeMilliseconds() : null;
        var session = await sessions.IssueAsync(context, user.Id, AuthMethod, mfaAt, cancellationToken);
        await audit.RecordAsync(
            new AuditEntry("auth.login")
            {
                Actor = new JsonObject
                {
                    ["type"] = "user",
                    ["id"] = "u_" + user.Id.ToString(CultureInfo.InvariantCulture),
                    ["name"] = user.Name,
                    ["auth"] = AuthMethod,
                    ["admin"] = user.IsAdmin ? true : null,
                    ["mfa"] = mfaAt is not null ? true : null,
                    ["session_id"] = session.Session.Id,
                },
                Resource = new JsonObject { ["type"] = "user", ["id"] = "u_" + user.Id.ToString(CultureInfo.InvariantCulture), ["name"] = user.Name },
                Changes = account.Changes.Count > 0 ? account.Changes : null,
                Context = new JsonObject { ["issuer"] = identity.Value.Issuer, ["jit"] = account.Created ? true : null },
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (account.AccessChanged)
        {
            // Group memberships, role bindings or the admin flag changed.
            access.Invalidate();
        }

        logger.OidcSignedIn(user.Name, user.Id, identity.Value.Issuer);
        return stored.ReturnTo;
    }

    /// <summary>Audits a refusal in its own transaction; a failed write is logged and the request is refused anyway.</summary>
    private async Task RecordFailureAsync(HttpContext context, Error error, CancellationToken cancellationToken)
    {
        if (!collapser.ShouldRecord($"{context.Connection.RemoteIpAddress}|401|oidc|{error.Code}", out var collapsed))
        {
            return;
        }

        try
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await audit.RecordAsync(
                new AuditEntry("auth.login")
                {
                    Outcome = AuditOutcomes.Failure,
                    Status = StatusCodes.Status401Unauthorized,
                    ErrorCode = error.Code,
                    Reason = error.Message,
                    Actor = new JsonObject { ["type"] = "anonymous", ["auth"] = AuthMethod },
                    Context = collapsed > 0 ? new JsonObject { ["collapsed"] = collapsed } : null,
                },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.OidcFailureNotAudited(e);
        }
    }

    /// <summary>The provider's error code as sent in the query, kept to the characters RFC 6749 allows in it.</summary>
    private static string Sanitize(string value)
    {
        var kept = new string([.. value.Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-' or '.').Take(64)]);
        return kept.Length == 0 ? "unknown error" : kept;
    }
}
