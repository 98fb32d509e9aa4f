using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// Stores one artifact file, creating or replacing it, and then records its size and SHA-256 in
/// <c>artifact_files</c>: the row is written only once the file is committed, so it never names a partial file.
/// </summary>
public sealed class UploadArtifact(IArtifactStore store, SlipwayDbContext db, AuditLog audit, TimeProvider time)
{
    /// <param name="path">The path as the client sent it, still percent-encoded; it is checked here (§4.4).</param>
    public async Task<Result<StoredArtifact>> HandleAsync(string? path, Stream content, CancellationToken cancellationToken)
    {
        var key = ArtifactPath.Parse(path);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        if (Registry.Storage.RegistryStorageKeys.IsRegistry(key.Value))
        {
            return Registry.Storage.RegistryStorageKeys.Immutable;
        }

        StoredArtifact stored;
        try
        {
            stored = await store.WriteAsync(key.Value, content, cancellationToken);
        }
        catch (ArtifactPathException e)
        {
            return ArtifactPath.Refused(e);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // One statement that both databases understand: a concurrent upload of the same path cannot make it fail.
        // CancellationToken.None: the file is committed, so its row and audit event must follow even if the client
        // has gone. Should they fail, the request fails, and the file is a replaceable object no row names (§8.7 item 3).
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO artifact_files (path, size, sha256, updated_at) VALUES ({stored.Key}, {stored.Size}, {stored.Sha256}, {now})
            ON CONFLICT (path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, updated_at = excluded.updated_at
            """,
            CancellationToken.None);
        await audit.RecordAsync(ArtifactAudit.Entry("artifact.upload", stored.Key, new() { ["size"] = stored.Size, ["sha256"] = stored.Sha256 }), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return stored;
    }
}
