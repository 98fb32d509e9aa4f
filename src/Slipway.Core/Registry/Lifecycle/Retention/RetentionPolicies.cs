using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>What to set; a null <see cref="DeleteFilesAfterDays"/> keeps 30 days, a null <see cref="Enabled"/> means enabled.</summary>
public sealed record RetentionPolicyCommand(int? KeepNewest, int? ArchiveAfterDays, int? DeleteFilesAfterDays, bool? Enabled);

/// <summary>Reads, sets and removes a registered model's retention policy; changes are recorded in the model's history.</summary>
public sealed class RetentionPolicies(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, CurrentActor actor, TimeProvider time)
{
    public const int MaxDays = 36_500;
    public const int MaxKeepNewest = 100_000;
    public const int DefaultDeleteFilesAfterDays = 30;

    public async Task<Result<RetentionPolicy>> GetAsync(string? name, CancellationToken cancellationToken)
    {
        var model = await loader.FindAsync(name, cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Error;
        }

        var policy = await db.RetentionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.RegisteredModelId == model.Value.Id, cancellationToken);
        return policy is null ? NoPolicy(model.Value.Name) : policy;
    }

    public async Task<Result<RetentionPolicy>> SetAsync(string? name, RetentionPolicyCommand command, CancellationToken cancellationToken)
    {
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        return await ConflictRetry.RunAsync(db, async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var policy = await db.RetentionPolicies.FirstOrDefaultAsync(p => p.RegisteredModelId == model.Id, ct);
            var before = policy is null ? null : Describe(policy);
            if (policy is null)
            {
                policy = new RetentionPolicy { RegisteredModelId = model.Id };
                db.RetentionPolicies.Add(policy);
            }

            policy.KeepNewest = command.KeepNewest;
            policy.ArchiveAfterDays = command.ArchiveAfterDays;
            policy.DeleteFilesAfterDays = command.DeleteFilesAfterDays ?? DefaultDeleteFilesAfterDays;
            policy.Enabled = command.Enabled ?? true;
            policy.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            policy.UpdatedBy = actor.Name;
            await db.SaveChangesAsync(ct);
            await events.RecordAsync(
                new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RetentionEvents.Entity, RegistryActions.Set, new JsonObject
                {
                    ["before"] = before,
                    ["after"] = Describe(policy),
                }),
                ct);
            await events.CommitAsync(transaction, ct);
            db.ChangeTracker.Clear();
            return (Result<RetentionPolicy>)policy;
        }, cancellationToken);
    }

    public async Task<Result<Unit>> DeleteAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var policy = await db.RetentionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.RegisteredModelId == model.Id, cancellationToken);
        if (policy is null || await db.RetentionPolicies.Where(p => p.RegisteredModelId == model.Id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return NoPolicy(model.Name);
        }

        await events.RecordAsync(
            new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RetentionEvents.Entity, RegistryActions.Deleted, new JsonObject
            {
                ["before"] = Describe(policy),
                ["after"] = null,
            }),
            cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }

    public static Error NoPolicy(string name) =>
        Error.NotFound($"Model '{name}' has no retention policy; set one with PUT /api/v1/models/{name}/retention.");

    private static Error? Validate(RetentionPolicyCommand command)
    {
        if (command.KeepNewest is { } keep && keep is < 1 or > MaxKeepNewest)
        {
            return Error.Invalid($"'keep_newest' must be from 1 to {MaxKeepNewest}, not {keep}; leave it out for no count limit.", "keep_newest");
        }

        if (command.ArchiveAfterDays is { } archive && archive is < 0 or > MaxDays)
        {
            return Error.Invalid($"'archive_after_days' must be from 0 to {MaxDays}, not {archive}; leave it out for no age limit.", "archive_after_days");
        }

        return command.DeleteFilesAfterDays is { } grace && grace is < 0 or > MaxDays
            ? Error.Invalid($"'delete_files_after_days' must be from 0 to {MaxDays}, not {grace}.", "delete_files_after_days")
            : null;
    }

    private static JsonObject Describe(RetentionPolicy policy) => new()
    {
        ["keep_newest"] = policy.KeepNewest,
        ["archive_after_days"] = policy.ArchiveAfterDays,
        ["delete_files_after_days"] = policy.DeleteFilesAfterDays,
        ["enabled"] = policy.Enabled,
    };
}
