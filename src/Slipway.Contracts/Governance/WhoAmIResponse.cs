namespace Slipway.Contracts.Governance;

/// <summary>
/// The caller: who, how they authenticated (<c>token</c>, <c>basic</c>, <c>password</c>, <c>password+totp</c>,
/// <c>oidc</c>), their MFA state, and the session or token in use. <see cref="MfaAt"/> is epoch milliseconds.
/// </summary>
public sealed record WhoAmIResponse(
    UserResponse User,
    string AuthMethod,
    bool MfaEnabled,
    long? MfaAt,
    long? SessionId,
    long? TokenId,
    long? TokenWorkspaceId,
    string? TokenMaxPermission);
