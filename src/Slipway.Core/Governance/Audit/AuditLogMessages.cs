using Microsoft.Extensions.Logging;

namespace Slipway.Core.Governance.Audit;

/// <summary>The audit trail's log events (EventIds 5100–5199).</summary>
internal static partial class AuditLogMessages
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Error, Message = "Audit checkpoint of {Size} events refused: the last seq is {LastSeq}, so the log has a gap")]
    public static partial void CheckpointRefused(this ILogger logger, long size, long lastSeq);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Audit checkpoint file {Path} could not be written; retrying later")]
    public static partial void CheckpointFileFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Audit checkpoint round failed")]
    public static partial void CheckpointRoundFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "A failed audit verification could not be recorded in the audit log")]
    public static partial void VerificationNotRecorded(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Audit checkpoint {Size} could not be pushed to bucket {Bucket}; retrying on the next pass")]
    public static partial void CheckpointPushFailed(this ILogger logger, long size, string bucket, Exception exception);
}
