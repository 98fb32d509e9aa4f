using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>
/// Applies a policy to a model's versions at a given time; a pure read, shared by the dry run and the real run so
/// that both select the same versions from the same state. The rules:
/// <list type="bullet">
/// <item>Deleted versions are never considered.</item>
/// <item>"Newest N" ranks the live, non-archived versions by version number (creation order), protected ones
/// included; those ranked beyond N are selected.</item>
/// <item>"Older than D days" selects live, non-archived versions created at least D days ago.</item>
/// <item>A selected version is archived unless an alias points to it, it is held, or it is in stage Staging or
/// Production; then it is listed as protected.</item>
/// <item>An archived version's files are deleted once it has been archived for the grace period, unless an alias
/// points to it or it is held. Versions archived by this run wait for a later run.</item>
/// </list>
/// </summary>
public sealed class RetentionPlanner(SlipwayDbContext db)
{
    private const long DayMilliseconds = 24L * 60 * 60 * 1000;

    public async Task<RetentionPlan> PlanAsync(RegisteredModel model, RetentionPolicy policy, long now, CancellationToken cancellationToken)
    {
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.RegisteredModelId == model.Id && !v.Deleted)
            .Select(v => new { v.Version, v.CreationTimestamp, v.CurrentStage, v.ArchivedAt, v.FilesDeletedAt })
            .ToListAsync(cancellationToken);
        var aliases = (await db.RegisteredModelAliases.AsNoTracking().Where(a => a.RegisteredModelId == model.Id).ToListAsync(cancellationToken))
            .ToLookup(a => a.Version, a => a.Alias);
        var holds = (await db.VersionHolds.AsNoTracking().Where(h => h.RegisteredModelId == model.Id).ToListAsync(cancellationToken))
            .ToLookup(h => h.Version);

        var archive = new List<RetentionItem>();
        var deleteFiles = new List<RetentionItem>();
        var kept = new List<RetentionItem>();
        var active = versions.Where(v => v.ArchivedAt is null).OrderByDescending(v => v.Version).ToList();
        for (var rank = 0; rank < active.Count; rank++)
        {
            var version = active[rank];
            var reasons = new List<string>();
            if (policy.KeepNewest is { } keep && rank >= keep)
            {
                reasons.Add($"not among the newest {Text(keep)} versions");
            }

            if (policy.ArchiveAfterDays is { } days && version.CreationTimestamp <= now - (days * DayMilliseconds))
            {
                reasons.Add($"created more than {Text(days)} days ago");
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            var reason = string.Join(" and ", reasons);
            var protections = VersionProtections.Describe(aliases[version.Version], holds[version.Version], version.CurrentStage);
            if (protections.Count > 0)
            {
                kept.Add(new RetentionItem(version.Version, $"kept although {reason}: {string.Join("; ", protections)}"));
            }
            else
            {
                archive.Add(new RetentionItem(version.Version, reason));
            }
        }

        var cutoff = FilesCutoff(policy, now);
        foreach (var version in versions.Where(v => v.ArchivedAt <= cutoff && v.FilesDeletedAt is null))
        {
            var reason = $"archived more than {Text(policy.DeleteFilesAfterDays)} days ago (the grace period)";
            var protections = VersionProtections.Describe(aliases[version.Version], holds[version.Version], stage: null);
            if (protections.Count > 0)
            {
                kept.Add(new RetentionItem(version.Version, $"files kept although {reason}: {string.Join("; ", protections)}"));
            }
            else
            {
                deleteFiles.Add(new RetentionItem(version.Version, reason));
            }
        }

        return new RetentionPlan(Sorted(archive), Sorted(deleteFiles), Sorted(kept));
    }

    /// <summary>Versions archived at or before this time are past the grace period.</summary>
    public static long FilesCutoff(RetentionPolicy policy, long now) => now - (policy.DeleteFilesAfterDays * DayMilliseconds);

    private static List<RetentionItem> Sorted(List<RetentionItem> items) => items.OrderBy(i => i.Version).ToList();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
