using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>What re-hashing one stored file found: <c>ok</c>, <c>corrupt</c> (size or SHA-256 differ) or <c>missing</c>.</summary>
public sealed record FileVerification(string Path, string Status, long ExpectedSize, string ExpectedSha256, long? ActualSize, string? ActualSha256);

public sealed record VersionVerification(string Name, int Version, string StorageKey, bool Ok, IReadOnlyList<FileVerification> Files);

/// <summary>
/// Re-hashes every stored file of a version against the digests recorded at registration and reports each one;
/// any failure is recorded as <c>INTEGRITY_FAILED</c> (detected by <c>verify</c>), and a clean result after one as
/// <c>INTEGRITY_RESTORED</c> (see <see cref="IntegrityFailures"/>).
/// </summary>
public sealed class VerifyModelVersion(StoredVersions versions, IArtifactStore store, IntegrityFailures failures)
{
    public const string Ok = "ok";
    public const string Corrupt = "corrupt";
    public const string Missing = "missing";

    public async Task<Result<VersionVerification>> HandleAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var found = await versions.FindAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var stored = found.Value;
        var results = new List<FileVerification>(stored.Files.Count);
        foreach (var file in stored.Files)
        {
            await using var stream = await store.OpenReadAsync(stored.KeyOf(file), cancellationToken);
            if (stream is null)
            {
                results.Add(new FileVerification(file.Path, Missing, file.Size, file.Sha256, null, null));
                continue;
            }

            using var hashing = new ArtifactHashing();
            await hashing.CopyAsync(stream.Content, Stream.Null, cancellationToken);
            var sha256 = hashing.Finish();
            var status = hashing.Size == file.Size && string.Equals(sha256, file.Sha256, StringComparison.Ordinal) ? Ok : Corrupt;
            results.Add(new FileVerification(file.Path, status, file.Size, file.Sha256, hashing.Size, sha256));
        }

        var failed = results.Where(r => r.Status != Ok).ToList();
        if (failed.Count > 0)
        {
            await failures.RecordAsync(stored.RegisteredModelId, stored.Version, "verify",
                failed.ConvertAll(f => new IntegrityMismatch(f.Path, f.ExpectedSize, f.ExpectedSha256, f.ActualSize, f.ActualSha256)));
        }
        else
        {
            await failures.RecordCleanAsync(stored.RegisteredModelId, stored.Version, cancellationToken);
        }

        return new VersionVerification(stored.Name, stored.Version, stored.StorageKey, failed.Count == 0, results);
    }
}
