using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Oidc;

/// <summary>The machine-readable codes of failed single sign-on; each failure answers 401 except where noted.</summary>
public static class OidcErrors
{
    public const string StateMismatch = "oidc_state_mismatch";
    public const string NonceMismatch = "oidc_nonce_mismatch";
    public const string InvalidToken = "oidc_invalid_token";
    public const string CodeExchangeFailed = "oidc_code_exchange_failed";
    public const string ProviderError = "oidc_provider_error";
    public const string UserDeactivated = "oidc_user_deactivated";

    /// <summary>The user must have MFA (platform admin, approver) and the ID token's <c>amr</c> shows none.</summary>
    public const string MfaRequired = "mfa_required";

    /// <summary>404: single sign-on is not configured.</summary>
    public static Error NotEnabled { get; } = new(ErrorKind.NotFound, "oidc_not_enabled", "Single sign-on is not configured on this server (Auth:Oidc:Enabled).");

    /// <summary>503: the identity provider's discovery document or keys cannot be read.</summary>
    public static Error Unavailable { get; } = new(ErrorKind.Unavailable, "oidc_unavailable", "The identity provider does not answer; try again later.");

    public static Error Unauthenticated(string code, string message) => new(ErrorKind.Unauthenticated, code, message);
}
