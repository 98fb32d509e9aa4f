using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>
/// Moves a version to a legacy stage. With <c>archive_existing_versions</c> (Staging and Production only), the
/// other live versions in that stage move to Archived in the same transaction.
/// </summary>
public sealed class TransitionStage(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public async Task<Result<ModelVersionView>> HandleAsync(string? name, string? version, string? stage, bool archiveExisting, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stage))
        {
            return Error.MissingField("stage");
        }

        if (Stages.Canonical(stage) is not { } target)
        {
            return Error.Invalid($"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", Stages.All)}.", "stage");
        }

        if (archiveExisting && target is not (Stages.Staging or Stages.Production))
        {
            return Error.Invalid($"archive_existing_versions is only allowed for stages Staging and Production, not {target}.", "archive_existing_versions");
        }

        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (found.Value.Version.ArchivedAt is not null && target != Stages.Archived)
        {
            return Lifecycle.LifecycleErrors.Archived(found.Value.Name, found.Value.Version.Version, $"it cannot move to stage {target}");
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var modelName = found.Value.Name;
        var changes = new List<(int Version, string From, string To)> { (number, found.Value.Version.CurrentStage, target) };
        if (archiveExisting)
        {
            var archived = await db.ModelVersions.Where(v => v.RegisteredModelId == id && !v.Deleted && v.Version != number && v.CurrentStage == target)
                .Select(v => v.Version).ToListAsync(cancellationToken);
            changes.AddRange(archived.Select(v => (v, target, Stages.Archived)));
            await db.ModelVersions.Where(v => v.RegisteredModelId == id && !v.Deleted && v.Version != number && v.CurrentStage == target)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CurrentStage, Stages.Archived).SetProperty(v => v.LastUpdatedTimestamp, now), cancellationToken);
        }

        await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == number)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.CurrentStage, target).SetProperty(v => v.LastUpdatedTimestamp, now), cancellationToken);
        foreach (var (changed, from, to) in changes.Where(c => c.From != c.To))
        {
            await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, modelName, changed, RegistryEntities.ModelVersion, RegistryActions.StageChanged,
                RegistryEventData.Change(modelName, changed, from, to)), cancellationToken);
        }

        await events.CommitAsync(transaction, cancellationToken);
        return await loader.VersionAsync(name, version, cancellationToken);
    }
}
