using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Artifacts;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Removes registry-owned bytes once the delete that made them unreachable has committed. A store failure is
/// logged with the key, for deletion by hand; it never undoes the committed delete.
/// </summary>
internal static partial class RegistryFiles
{
    public static async Task DeleteAsync(IArtifactStore store, string storageKey, ILogger logger)
    {
        try
        {
            // Not the request's token: the delete has committed, so its bytes go even if the caller has gone away.
            await store.DeleteAsync(storageKey, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
        {
            StoreDeleteFailed(logger, storageKey, e);
        }
    }

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning,
        Message = "The registry files under '{StorageKey}' belong to a deleted model or version but could not be deleted from the store; delete them by hand")]
    private static partial void StoreDeleteFailed(ILogger logger, string storageKey, Exception exception);
}
