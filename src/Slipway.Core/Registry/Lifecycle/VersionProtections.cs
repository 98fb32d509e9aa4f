using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// What keeps a version from being archived or losing its files: the aliases that point at it and its holds; for
/// retention also the legacy stages Staging and Production, MLflow's older way of pointing at a version.
/// </summary>
internal static class VersionProtections
{
    public static async Task<List<string>> FindAsync(
        SlipwayDbContext db, long modelId, int version, string? stage, CancellationToken cancellationToken)
    {
        var aliases = await db.RegisteredModelAliases.AsNoTracking()
            .Where(a => a.RegisteredModelId == modelId && a.Version == version)
            .Select(a => a.Alias)
            .ToListAsync(cancellationToken);
        var holds = await db.VersionHolds.AsNoTracking()
            .Where(h => h.RegisteredModelId == modelId && h.Version == version)
            .ToListAsync(cancellationToken);
        return Describe(aliases, holds, stage);
    }

    public static List<string> Describe(IEnumerable<string> aliases, IEnumerable<VersionHold> holds, string? stage)
    {
        var found = aliases.Order(StringComparer.Ordinal).Select(a => $"alias '{a}' points to it").ToList();
        found.AddRange(holds
            .OrderBy(h => h.Kind, StringComparer.Ordinal).ThenBy(h => h.Reference, StringComparer.Ordinal)
            .Select(h => $"held by {h.Kind} '{h.Reference}'" + (h.Reason.Length > 0 ? $" ({h.Reason})" : "")));
        if (stage is Stages.Staging or Stages.Production)
        {
            found.Add($"it is in stage {stage}");
        }

        return found;
    }
}
