using Microsoft.Extensions.Logging;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>The version lifecycle's log events (EventIds 2500–2599, within the Registry's 2000–2999).</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information,
        Message = "Retention of model '{ModelName}' ({Trigger}): {Archived} versions archived, files of {FilesDeleted} deleted, {Skipped} skipped")]
    public static partial void RetentionRan(this ILogger logger, string modelName, string trigger, int archived, int filesDeleted, int skipped);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Error, Message = "Scheduled retention of model {ModelId} failed")]
    public static partial void RetentionFailed(this ILogger logger, long modelId, Exception exception);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning,
        Message = "The files of version {Version} of model '{ModelName}' are marked deleted but '{StorageKey}' could not be deleted from the store; delete it by hand")]
    public static partial void StoreDeleteFailed(this ILogger logger, string modelName, int version, string storageKey, Exception exception);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Error, Message = "The retention schedule failed to list due policies")]
    public static partial void RetentionScheduleFailed(this ILogger logger, Exception exception);
}
