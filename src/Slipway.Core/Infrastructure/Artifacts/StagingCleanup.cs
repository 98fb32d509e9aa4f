using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// At start-up, deletes local staging files that an earlier process left behind when it stopped mid-upload.
/// Only files a day old go: another server sharing the root may be writing the newer ones.
/// </summary>
internal sealed class StagingCleanup(
    IOptions<StorageOptions> options, LocalArtifactStore store, TimeProvider time, ILogger<StagingCleanup> logger) : IHostedService
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider != StorageProvider.Local)
        {
            return Task.CompletedTask;
        }

        try
        {
            var deleted = store.DeleteStaleStagingFiles(StaleAfter, time.GetUtcNow());
            if (deleted > 0)
            {
                ArtifactsLog.StagingFilesDeleted(logger, deleted);
            }
        }
        catch (IOException e)
        {
            ArtifactsLog.StagingCleanupFailed(logger, e);
        }
        catch (UnauthorizedAccessException e)
        {
            ArtifactsLog.StagingCleanupFailed(logger, e);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
