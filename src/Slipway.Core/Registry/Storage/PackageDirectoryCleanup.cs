using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// At start-up, deletes package directories under <c>&lt;DataDir&gt;/tmp/</c> that a process killed mid-request left
/// behind. Only those a day old go: another server sharing the data directory may be using newer ones.
/// </summary>
internal sealed class PackageDirectoryCleanup(IOptions<SlipwayOptions> slipway, TimeProvider time, ILogger<PackageDirectoryCleanup> logger) : IHostedService
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var parent = new DirectoryInfo(Path.Combine(slipway.Value.DataDirFullPath, "tmp"));
        if (!parent.Exists)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        foreach (var directory in parent.EnumerateDirectories(PackageDirectory.NamePrefix + "*"))
        {
            if (now - directory.LastWriteTimeUtc <= StaleAfter)
            {
                continue;
            }

            try
            {
                directory.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                RegistryStorageLog.CleanupFailed(logger, directory.Name, e);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
