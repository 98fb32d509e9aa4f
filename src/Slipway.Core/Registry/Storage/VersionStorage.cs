using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Registry-owned storage of version files. <see cref="StageAsync"/> gathers a source's files into a private
/// directory (where the inspector reads them), <see cref="CommitAsync"/> copies them under
/// <c>registry/&lt;model id&gt;/&lt;version&gt;/</c> and returns the rows to record, so that deleting the run,
/// its artifacts or the logged model cannot break the version.
/// </summary>
public sealed class VersionStorage(
    SlipwayDbContext db,
    IArtifactStore store,
    StoreSourceCopier copier,
    StoredVersions versions,
    ModelPackageReader reader,
    IOptions<SlipwayOptions> slipway,
    IOptions<RegistryPackageOptions> limits,
    ILogger<VersionStorage> logger)
{
    private const string ArtifactsScheme = "mlflow-artifacts:";

    /// <summary>A new private package directory with the configured limits; the caller disposes it.</summary>
    public PackageDirectory CreatePackage() => PackageDirectory.Create(slipway, limits);

    /// <summary>
    /// Copies the files at a resolved storage location into a new private directory. An <c>mlflow-artifacts:</c>
    /// source given with a run id must lie under that run's artifact root (or one of its logged models'); another
    /// version's copy is read with its digests checked; a location with no files is refused.
    /// </summary>
    public async Task<Result<PackageDirectory>> StageAsync(string source, string storageLocation, string? runId, CancellationToken cancellationToken)
    {
        var key = KeyOf(storageLocation);
        if (!key.IsSuccess)
        {
            return Error.Invalid($"Invalid model version source '{source}': {key.Error.Message}", "source");
        }

        if (!string.IsNullOrEmpty(runId) && source.StartsWith(ArtifactsScheme, StringComparison.Ordinal)
            && !await IsUnderRunAsync(key.Value, runId, cancellationToken))
        {
            return PackageErrors.Refused(PackageErrors.SourceOutsideRun,
                $"The model version source '{source}' is outside the artifact root of run '{runId}'; register files the run logged (runs:/{runId}/<path>).", "source");
        }

        return await PackageDirectory.FillAsync(CreatePackage(), async package =>
        {
            var copied = await CopyAsync(key.Value, source, package, cancellationToken);
            return copied.IsSuccess && package.Files.Count == 0 ? PackageErrors.EmptySource(source) : copied;
        });
    }

    /// <summary>
    /// Writes the package's files under the version's key prefix and returns their rows. On failure whatever was
    /// written is removed again before the exception goes on.
    /// </summary>
    public async Task<List<ModelVersionFile>> CommitAsync(PackageDirectory package, long registeredModelId, int version, CancellationToken cancellationToken)
    {
        var prefix = RegistryStorageKeys.For(registeredModelId, version);
        var rows = new List<ModelVersionFile>(package.Files.Count);
        try
        {
            foreach (var file in package.Files)
            {
                await using var content = new FileStream(package.FullPath(file.Path), FileMode.Open, FileAccess.Read, FileShare.Read, ArtifactHashing.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
                var stored = await store.WriteAsync(prefix + "/" + file.Path, content, cancellationToken);
                // The digest recorded is of the bytes the store received, which is what later reads are checked against.
                rows.Add(new ModelVersionFile { RegisteredModelId = registeredModelId, Version = version, Path = file.Path, Size = stored.Size, Sha256 = stored.Sha256 });
            }
        }
        catch
        {
            await DiscardAsync(prefix);
            throw;
        }

        RegistryStorageLog.Copied(logger, rows.Count, rows.Sum(r => r.Size), registeredModelId, version, prefix);
        return rows;
    }

    /// <summary>Removes a version's registry files after its registration failed; never throws.</summary>
    public async Task DiscardAsync(string storageKey)
    {
        try
        {
            // CancellationToken.None: the clean-up must run even when the request was cancelled.
            await store.DeleteAsync(storageKey, CancellationToken.None);
        }
        catch (Exception e)
        {
            RegistryStorageLog.CleanupFailed(logger, storageKey, e);
        }
    }

    private async Task<Result<Unit>> CopyAsync(string key, string source, PackageDirectory package, CancellationToken cancellationToken)
    {
        if (!RegistryStorageKeys.IsRegistry(key))
        {
            return await copier.CopyAsync(key, package, cancellationToken);
        }

        if (!RegistryStorageKeys.TryParse(key, out var modelId, out var version, out var path) || path.Length > 0)
        {
            return Error.Invalid($"Invalid model version source '{source}': registry storage can only be registered as a whole version; use models:/<name>/<version>.", "source");
        }

        var stored = await versions.FindAsync(modelId, version, cancellationToken);
        return stored.IsSuccess ? await reader.CopyVerifiedAsync(stored.Value, package, "copy", cancellationToken) : stored.Error;
    }

    private async Task<bool> IsUnderRunAsync(string key, string runId, CancellationToken cancellationToken)
    {
        var roots = await db.Runs.Where(r => r.Id == runId).Select(r => r.ArtifactUri)
            .Concat(db.LoggedModels.Where(m => m.SourceRunId == runId).Select(m => m.ArtifactUri))
            .ToListAsync(cancellationToken);
        return roots.Select(KeyOf).Any(root => root.IsSuccess && (key == root.Value || key.StartsWith(root.Value + "/", StringComparison.Ordinal)));
    }

    /// <summary>The store key of an <c>mlflow-artifacts:</c> URI (<c>mlflow-artifacts:/p</c> or <c>mlflow-artifacts://host/p</c>).</summary>
    internal static Result<string> KeyOf(string location)
    {
        if (!location.StartsWith(ArtifactsScheme, StringComparison.Ordinal))
        {
            return Error.Invalid("only mlflow-artifacts: locations can be copied into the registry.", "source");
        }

        var path = location[ArtifactsScheme.Length..];
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = path.IndexOf('/', 2);
            path = slash < 0 ? "" : path[slash..];
        }

        return ArtifactPath.Parse(path.TrimStart('/').TrimEnd('/'));
    }
}
