using Microsoft.Extensions.Logging;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>Log messages of the artifact stores; EventIds 9100–9199.</summary>
internal static partial class ArtifactsLog
{
    [LoggerMessage(9100, LogLevel.Information, "Deleted {Count} stale staging files left by interrupted uploads")]
    public static partial void StagingFilesDeleted(ILogger logger, int count);

    [LoggerMessage(9101, LogLevel.Warning, "Could not clean the artifact staging directory")]
    public static partial void StagingCleanupFailed(ILogger logger, Exception exception);

    [LoggerMessage(9102, LogLevel.Warning, "Could not abort multipart upload {UploadId}; the bucket's lifecycle rule for incomplete uploads must remove it")]
    public static partial void MultipartAbortFailed(ILogger logger, string uploadId, Exception exception);
}
