using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Loads a version's files for use (serving, copying into a new version): copies them from registry storage into
/// a private <see cref="PackageDirectory"/>, checking each against the size and SHA-256 recorded at registration.
/// Any mismatch or missing file refuses the whole load with <see cref="PackageErrors.IntegrityFailed"/> and
/// records <c>INTEGRITY_FAILED</c>; nothing unverified is handed out.
/// </summary>
public sealed class ModelPackageReader(
    StoredVersions versions, IArtifactStore store, IntegrityFailures failures, IOptions<SlipwayOptions> slipway, IOptions<RegistryPackageOptions> limits)
{
    /// <summary>The verified files of a live version in a private directory, which the caller disposes.</summary>
    public async Task<Result<PackageDirectory>> MaterializeAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var found = await versions.FindAsync(name, version, cancellationToken);
        return found.IsSuccess ? await MaterializeAsync(found.Value, "load", cancellationToken) : found.Error;
    }

    public async Task<Result<PackageDirectory>> MaterializeAsync(StoredVersion stored, string detectedBy, CancellationToken cancellationToken) =>
        await PackageDirectory.FillAsync(PackageDirectory.Create(slipway, limits), package => CopyVerifiedAsync(stored, package, detectedBy, cancellationToken));

    /// <summary>Copies a version's files into <paramref name="package"/>, verifying each; the first corrupt file stops the copy.</summary>
    public async Task<Result<Unit>> CopyVerifiedAsync(StoredVersion stored, PackageDirectory package, string detectedBy, CancellationToken cancellationToken)
    {
        foreach (var file in stored.Files)
        {
            PackageFile? copied = null;
            await using (var stream = await store.OpenReadAsync(stored.KeyOf(file), cancellationToken))
            {
                if (stream is not null)
                {
                    var added = await package.AddAsync(file.Path, stream.Content, cancellationToken);
                    if (!added.IsSuccess)
                    {
                        return added.Error;
                    }

                    copied = added.Value;
                }
            }

            if (copied is null || copied.Size != file.Size || !string.Equals(copied.Sha256, file.Sha256, StringComparison.Ordinal))
            {
                await failures.RecordAsync(stored.RegisteredModelId, stored.Version, detectedBy,
                    [new IntegrityMismatch(file.Path, file.Size, file.Sha256, copied?.Size, copied?.Sha256)]);
                return PackageErrors.Corrupt(stored.Name, stored.Version, file.Path);
            }
        }

        return Unit.Value;
    }
}
