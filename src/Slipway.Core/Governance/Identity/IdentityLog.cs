using Microsoft.Extensions.Logging;

namespace Slipway.Core.Governance.Identity;

/// <summary>Identity's log events (EventIds 5100–5199). Never a password, code or secret; user names only.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Warning, Message = "Sign-in locked for {Lockout} after repeated failures")]
    public static partial void SignInLocked(this ILogger logger, TimeSpan lockout);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "User '{UserName}' ({Kind}) created")]
    public static partial void UserCreated(this ILogger logger, string userName, string kind);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Password of user '{UserName}' set")]
    public static partial void PasswordSet(this ILogger logger, string userName);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "MFA of user '{UserName}' {Change}")]
    public static partial void MfaChanged(this ILogger logger, string userName, string change);
}
