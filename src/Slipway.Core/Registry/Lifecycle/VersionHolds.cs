using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>Whether a hold was placed by this call or was there already.</summary>
public sealed record HoldResult(VersionHold Hold, bool Created);

/// <summary>
/// The one hold mechanism: anything that needs a version to stay (a deployment, an approval, a person) adds a hold
/// of its kind, and removes it when done. Retention never archives a held version nor deletes its files, and a
/// held version cannot be archived by hand. A hold may be placed on an archived version (it keeps its files).
/// Adding and removing are idempotent and recorded in the version's history in the same transaction.
/// </summary>
public sealed partial class VersionHolds(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, CurrentActor actor, TimeProvider time)
{
    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex KindPattern();

    public async Task<Result<HoldResult>> AddAsync(string? model, string? version, string? kind, string? reference, string? reason, CancellationToken cancellationToken)
    {
        if (Validate(kind, reference) is { } invalid)
        {
            return invalid;
        }

        if ((reason ?? "").Length > 1000)
        {
            return Error.Invalid($"'reason' is {reason!.Length} characters; the limit is 1000.", "reason");
        }

        var found = await FindAsync(model, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (registered, number) = found.Value;
        return await ConflictRetry.RunAsync(db, async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The row lock orders this hold against a concurrent archive: either the archive sees the hold, or the hold lands on an archived version.
            if (!await VersionRowLock.LockAsync(db, registered.Id, number, ct))
            {
                return (Result<HoldResult>)RegistryRules.VersionNotFound(registered.Name, number);
            }

            var existing = await db.VersionHolds.AsNoTracking()
                .FirstOrDefaultAsync(h => h.RegisteredModelId == registered.Id && h.Version == number && h.Kind == kind && h.Reference == reference, ct);
            if (existing is not null)
            {
                return new HoldResult(existing, Created: false);
            }

            var hold = new VersionHold
            {
                RegisteredModelId = registered.Id,
                Version = number,
                Kind = kind!,
                Reference = reference!,
                Reason = reason?.Trim() ?? "",
                CreatedBy = actor.Name,
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            db.VersionHolds.Add(hold);
            await db.SaveChangesAsync(ct);
            await events.RecordAsync(Change(registered, number, RegistryActions.HoldAdded, hold), ct);
            await events.CommitAsync(transaction, ct);
            db.ChangeTracker.Clear();
            return new HoldResult(hold, Created: true);
        }, cancellationToken);
    }

    /// <summary>Removes a hold; removing one that is not there is not an error (the answer says whether it was).</summary>
    public async Task<Result<bool>> RemoveAsync(string? model, string? version, string? kind, string? reference, CancellationToken cancellationToken)
    {
        if (Validate(kind, reference) is { } invalid)
        {
            return invalid;
        }

        var found = await FindAsync(model, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (registered, number) = found.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hold = await db.VersionHolds.AsNoTracking()
            .FirstOrDefaultAsync(h => h.RegisteredModelId == registered.Id && h.Version == number && h.Kind == kind && h.Reference == reference, cancellationToken);
        var removed = await db.VersionHolds
            .Where(h => h.RegisteredModelId == registered.Id && h.Version == number && h.Kind == kind && h.Reference == reference)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0 || hold is null)
        {
            return false;
        }

        await events.RecordAsync(Change(registered, number, RegistryActions.HoldRemoved, hold), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return true;
    }

    public async Task<Result<List<VersionHold>>> ListAsync(string? model, string? version, CancellationToken cancellationToken)
    {
        var found = await FindAsync(model, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (registered, number) = found.Value;
        return await db.VersionHolds.AsNoTracking()
            .Where(h => h.RegisteredModelId == registered.Id && h.Version == number)
            .OrderBy(h => h.CreatedAt).ThenBy(h => h.Kind).ThenBy(h => h.Reference)
            .ToListAsync(cancellationToken);
    }

    public Task<bool> IsHeldAsync(long modelId, int version, CancellationToken cancellationToken) =>
        db.VersionHolds.AnyAsync(h => h.RegisteredModelId == modelId && h.Version == version, cancellationToken);

    public async Task<Result<bool>> IsHeldAsync(string? model, string? version, CancellationToken cancellationToken)
    {
        var found = await FindAsync(model, version, cancellationToken);
        return found.IsSuccess ? await IsHeldAsync(found.Value.Model.Id, found.Value.Version, cancellationToken) : found.Error;
    }

    private static Error? Validate(string? kind, string? reference)
    {
        if (string.IsNullOrEmpty(kind))
        {
            return Error.MissingField("kind");
        }

        if (!KindPattern().IsMatch(kind))
        {
            return Error.Invalid($"Invalid hold kind '{kind}': use up to 40 lower-case letters, digits, '-' or '_', such as '{HoldKinds.Manual}'.", "kind");
        }

        if (string.IsNullOrWhiteSpace(reference))
        {
            return Error.MissingField("reference");
        }

        return reference.Length > 256 ? Error.Invalid($"'reference' is {reference.Length} characters; the limit is 256.", "reference") : null;
    }

    private static RegistryChange Change(RegisteredModel model, int number, string action, VersionHold hold) =>
        new(model.WorkspaceId, model.Id, model.Name, number, RegistryEntities.ModelVersion, action, new JsonObject
        {
            ["hold"] = new JsonObject { ["kind"] = hold.Kind, ["reference"] = hold.Reference, ["reason"] = hold.Reason },
        });

    private async Task<Result<(RegisteredModel Model, int Version)>> FindAsync(string? model, string? version, CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var registered = await loader.FindAsync(model, cancellationToken);
        if (!registered.IsSuccess)
        {
            return registered.Error;
        }

        var id = registered.Value.Id;
        var live = await db.ModelVersions.AnyAsync(v => v.RegisteredModelId == id && v.Version == number.Value && !v.Deleted, cancellationToken);
        return live ? (registered.Value, number.Value) : RegistryRules.VersionNotFound(registered.Value.Name, number.Value);
    }
}
