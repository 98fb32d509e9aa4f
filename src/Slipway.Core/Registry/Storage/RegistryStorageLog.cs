using Microsoft.Extensions.Logging;

namespace Slipway.Core.Registry.Storage;

/// <summary>Registry storage's log events (EventIds 2500–2599, within the Registry range).</summary>
internal static partial class RegistryStorageLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Copied {FileCount} files ({Bytes} bytes) of model {RegisteredModelId} version {Version} into {StorageKey}")]
    public static partial void Copied(ILogger logger, int fileCount, long bytes, long registeredModelId, int version, string storageKey);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Error, Message = "Integrity check failed for file {Path} of model {RegisteredModelId} version {Version} ({DetectedBy})")]
    public static partial void IntegrityFailed(ILogger logger, string path, long registeredModelId, int version, string detectedBy);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "Could not remove {StorageKey} (registry files after a failed registration, or a stale package directory)")]
    public static partial void CleanupFailed(ILogger logger, string storageKey, Exception exception);
}
