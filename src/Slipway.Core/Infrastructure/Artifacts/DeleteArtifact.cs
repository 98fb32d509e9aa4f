using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>Deletes a file, or a directory and everything under it, and their <c>artifact_files</c> rows. Deleting nothing succeeds.</summary>
public sealed class DeleteArtifact(IArtifactStore store, SlipwayDbContext db, AuditLog audit)
{
    /// <param name="path">The path as the client sent it, still percent-encoded; it is checked here (§4.4).</param>
    public async Task<Result<Unit>> HandleAsync(string? path, CancellationToken cancellationToken)
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

        // Files first: should this fail half-way, the rows of the files still present remain.
        try
        {
            await store.DeleteAsync(key.Value, cancellationToken);
        }
        catch (ArtifactPathException e)
        {
            return ArtifactPath.Refused(e);
        }

        var under = key.Value + "/";
        // StartsWith becomes LIKE, which SQLite compares without case; the substring keeps the match exact.
        // Both databases count characters in code points, hence the rune count rather than under.Length.
        var length = under.EnumerateRunes().Count();
        // CancellationToken.None: the files are gone, so their rows and the audit event must follow even if the client has left.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var rows = await db.ArtifactFiles
            .Where(f => f.Path == key.Value || (f.Path.StartsWith(under) && f.Path.Substring(0, length) == under))
            .ExecuteDeleteAsync(CancellationToken.None);
        await audit.RecordAsync(ArtifactAudit.Entry("artifact.delete", key.Value, new() { ["files"] = rows }), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return Unit.Value;
    }
}
