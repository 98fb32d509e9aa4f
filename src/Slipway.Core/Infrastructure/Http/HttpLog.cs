using Microsoft.Extensions.Logging;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>Log events of the HTTP layer (EventIds 9000–9099).</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Error, Message = "{Method} {Path} failed with error id {ErrorId} (transient: {Transient})")]
    public static partial void RequestFailed(ILogger logger, string method, string path, string errorId, bool transient, Exception exception);
}
