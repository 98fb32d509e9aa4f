using Microsoft.Extensions.Logging;

namespace Slipway.Core.Governance;

/// <summary>Governance's log events (EventIds 5000–5999). A token's secret is never logged, only its name and display prefix.</summary>
internal static partial class GovernanceLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "API token '{TokenName}' ({TokenPrefix}…) created for {Principal}")]
    public static partial void TokenCreated(this ILogger logger, string tokenName, string tokenPrefix, string principal);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "API token '{TokenName}' ({TokenPrefix}…) revoked")]
    public static partial void TokenRevoked(this ILogger logger, string tokenName, string tokenPrefix);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Request {Method} {Path} refused: {Reason}")]
    public static partial void RequestRefused(this ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Error, Message = "The refusal of {Method} {Path} could not be written to the audit log")]
    public static partial void DenialNotAudited(this ILogger logger, string method, string path, Exception exception);
}
