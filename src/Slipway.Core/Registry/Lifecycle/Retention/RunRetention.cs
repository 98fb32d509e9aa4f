using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>
/// Runs a model's retention policy on demand (also a disabled one: <c>enabled</c> governs the schedule) or for the
/// schedule. A dry run returns the plan; a real run computes the same plan and carries it out version by version,
/// each archive and file deletion in its own transaction that re-checks aliases and holds under the row lock, so a
/// real run right after a dry run with nothing changed in between archives exactly what the dry run listed.
/// </summary>
public sealed class RunRetention(
    SlipwayDbContext db,
    RegistryLoader loader,
    RetentionPlanner planner,
    ArchiveVersion archiver,
    DeleteVersionFiles files,
    TimeProvider time,
    ILogger<RunRetention> logger)
{
    public async Task<Result<RetentionReport>> HandleAsync(string? name, bool dryRun, CancellationToken cancellationToken)
    {
        var model = await loader.FindAsync(name, cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Error;
        }

        var policy = await db.RetentionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.RegisteredModelId == model.Value.Id, cancellationToken);
        return policy is null
            ? RetentionPolicies.NoPolicy(model.Value.Name)
            : await RunAsync(model.Value, policy, dryRun, "on demand", cancellationToken);
    }

    internal async Task<RetentionReport> RunAsync(RegisteredModel model, RetentionPolicy policy, bool dryRun, string trigger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var plan = await planner.PlanAsync(model, policy, now, cancellationToken);
        if (dryRun)
        {
            return new RetentionReport(model.Name, DryRun: true, now, plan.Archive, plan.DeleteFiles, plan.Protected, []);
        }

        var archived = new List<RetentionItem>();
        var filesDeleted = new List<RetentionItem>();
        var skipped = new List<RetentionItem>();
        foreach (var item in plan.Archive)
        {
            var result = await archiver.ArchiveAsync(model, item.Version, $"retention: {item.Reason}", byRetention: true, cancellationToken);
            (result.IsSuccess ? archived : skipped).Add(result.IsSuccess ? item : item with { Reason = result.Error!.Message });
        }

        var cutoff = RetentionPlanner.FilesCutoff(policy, now);
        foreach (var item in plan.DeleteFiles)
        {
            var result = await files.DeleteAsync(model, item.Version, cutoff, $"retention: {item.Reason}", cancellationToken);
            (result.IsSuccess ? filesDeleted : skipped).Add(result.IsSuccess ? item : item with { Reason = result.Error!.Message });
        }

        await db.RetentionPolicies.Where(p => p.RegisteredModelId == model.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastRunAt, now), cancellationToken);
        logger.RetentionRan(model.Name, trigger, archived.Count, filesDeleted.Count, skipped.Count);
        return new RetentionReport(model.Name, DryRun: false, now, archived, filesDeleted, plan.Protected, skipped);
    }
}
