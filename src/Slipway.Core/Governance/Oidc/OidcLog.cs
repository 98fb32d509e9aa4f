using Microsoft.Extensions.Logging;

namespace Slipway.Core.Governance.Oidc;

/// <summary>Single sign-on log events (EventIds 5600–5699). Codes, tokens and the client secret are never logged.</summary>
internal static partial class OidcLog
{
    [LoggerMessage(EventId = 5600, Level = LogLevel.Error, Message = "The identity provider's discovery document at {Authority} could not be read")]
    public static partial void OidcDiscoveryFailed(this ILogger logger, string authority, Exception exception);

    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Single sign-on of user {UserName} (id {UserId}) through {Issuer}")]
    public static partial void OidcSignedIn(this ILogger logger, string userName, long userId, string issuer);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "Single sign-on refused: {Code} {Reason}")]
    public static partial void OidcRefused(this ILogger logger, string code, string reason);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Warning, Message = "The groups claim names the local group '{Group}'; local groups do not follow the identity provider, so it is ignored")]
    public static partial void OidcLocalGroupIgnored(this ILogger logger, string group);

    [LoggerMessage(EventId = 5604, Level = LogLevel.Warning, Message = "Auth:Oidc:GroupRoles entry for group '{Group}' names workspace '{Workspace}' and role '{Role}', which do not both exist; no binding was made")]
    public static partial void OidcGroupRoleUnresolved(this ILogger logger, string group, string workspace, string role);

    [LoggerMessage(EventId = 5605, Level = LogLevel.Error, Message = "The refused single sign-on could not be written to the audit log")]
    public static partial void OidcFailureNotAudited(this ILogger logger, Exception exception);
}
