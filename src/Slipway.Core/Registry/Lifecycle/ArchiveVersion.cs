using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// Archives a version: it stays readable and downloadable, moves to MLflow's stage Archived (its previous stage is
/// kept in the history, for restore), can no longer get an alias, and its files become eligible for deletion by
/// the model's retention policy after the grace period. A version an alias points to or that is held is refused.
/// </summary>
public sealed class ArchiveVersion(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public const string ManualReason = "archived by hand";

    public async Task<Result<ModelVersion>> HandleAsync(string? name, string? version, string? reason, CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var model = await loader.FindAsync(name, cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Error;
        }

        var why = string.IsNullOrWhiteSpace(reason) ? ManualReason : reason.Trim();
        return why.Length > 1000
            ? Error.Invalid($"'reason' is {why.Length} characters; the limit is 1000.", "reason")
            : await ArchiveAsync(model.Value, number.Value, why, byRetention: false, cancellationToken);
    }

    /// <summary>
    /// Archives version <paramref name="number"/> in one transaction with its history record, after locking the
    /// row and checking its protections again (retention also spares versions in stage Staging or Production).
    /// </summary>
    internal async Task<Result<ModelVersion>> ArchiveAsync(RegisteredModel model, int number, string reason, bool byRetention, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await VersionRowLock.LockAsync(db, model.Id, number, cancellationToken))
        {
            return RegistryRules.VersionNotFound(model.Name, number);
        }

        var row = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.RegisteredModelId == model.Id && v.Version == number, cancellationToken);
        if (row.ArchivedAt is not null)
        {
            return LifecycleErrors.AlreadyArchived(model.Name, number);
        }

        var protections = await VersionProtections.FindAsync(db, model.Id, number, byRetention ? row.CurrentStage : null, cancellationToken);
        if (protections.Count > 0)
        {
            return LifecycleErrors.Protected(model.Name, number, protections);
        }

        await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && v.Version == number)
            .ExecuteUpdateAsync(
                s => s.SetProperty(v => v.ArchivedAt, now).SetProperty(v => v.CurrentStage, Stages.Archived).SetProperty(v => v.LastUpdatedTimestamp, now),
                cancellationToken);
        await events.RecordAsync(
            new RegistryChange(model.WorkspaceId, model.Id, model.Name, number, RegistryEntities.ModelVersion, RegistryActions.Archived, new JsonObject
            {
                ["reason"] = reason,
                ["before"] = new JsonObject { ["stage"] = row.CurrentStage, ["archived_at"] = null },
                ["after"] = new JsonObject { ["stage"] = Stages.Archived, ["archived_at"] = now },
            }),
            cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        row.ArchivedAt = now;
        row.CurrentStage = Stages.Archived;
        row.LastUpdatedTimestamp = now;
        return row;
    }
}
