namespace Slipway.Core.Governance;

/// <summary>
/// The authenticated caller of a request: who (<see cref="UserId"/>), how (<see cref="AuthMethod"/>), and what
/// narrows them (a token's workspace and maximum permission). What they may do is resolved from their grants by
/// <c>Access.AccessEvaluator</c>; the principal itself grants nothing.
/// </summary>
public sealed record SlipwayPrincipal(long UserId, string Name, bool IsAdmin, string AuthMethod)
{
    /// <summary><c>user</c> or <c>service</c>.</summary>
    public string Kind { get; init; } = Identity.PrincipalKinds.User;

    /// <summary>The token this request presented, if any.</summary>
    public long? TokenId { get; init; }

    /// <summary>The workspace the token is bound to; null when not bound (sessions, unbound tokens).</summary>
    public long? TokenWorkspaceId { get; init; }

    /// <summary>The token's ceiling; null when the token carries its owner's full rights.</summary>
    public Permission? TokenMaxPermission { get; init; }

    /// <summary>The browser session, when the request came with the session cookie.</summary>
    public long? SessionId { get; init; }

    /// <summary>When the caller last proved a second factor (epoch ms), for step-up checks.</summary>
    public long? MfaAt { get; init; }

    /// <summary>
    /// The workspace the request acts in: the token's, else the one named by the <c>X-Slipway-Workspace</c> header,
    /// else <c>default</c>. Set by the access middleware.
    /// </summary>
    public long WorkspaceId { get; init; } = Workspace.DefaultId;

    /// <summary>
    /// The request came with a token bound to a workspace or capped below MANAGE. Such a token keeps its limits on
    /// self-service routes too: it is never a platform admin there and cannot change credentials or mint tokens.
    /// </summary>
    public bool IsNarrowed => TokenWorkspaceId is not null || TokenMaxPermission is { } max && max < Permission.Manage;

    /// <summary>
    /// A platform admin acting without restriction: not through a token bound to a workspace or capped below
    /// MANAGE. Handlers that let admins act on other people's things test this, never <see cref="IsAdmin"/> alone.
    /// </summary>
    public bool IsPlatformAdmin => IsAdmin && TokenWorkspaceId is null && TokenMaxPermission is null or Permission.Manage;

    /// <summary>Caps a level by the token's ceiling.</summary>
    public Permission? Cap(Permission? level) =>
        level is null ? null : TokenMaxPermission is { } max && max < level ? max : level;
}

/// <summary>How a principal authenticated, as the audit trail names it (governance.md §8.4).</summary>
public static class AuthMethods
{
    public const string Token = "token";
    public const string Basic = "basic";
    public const string Password = "password";
    public const string PasswordTotp = "password+totp";
    public const string Oidc = "oidc";
}
