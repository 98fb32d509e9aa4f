using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// The request's view of <see cref="AccessEvaluator"/>: lists and searches ask it what the caller may read and
/// filter in SQL with <see cref="AppendFilter"/>. Background work (no principal) sees everything.
/// </summary>
public sealed class AccessScope(AccessEvaluator evaluator, IHttpContextAccessor accessor, SlipwayDbContext db)
{
    public SlipwayPrincipal? Principal => accessor.HttpContext?.Features.Get<SlipwayPrincipal>();

    public Task<ReadableSet> ReadableAsync(string resourceType, CancellationToken cancellationToken) =>
        ReadableAsync(resourceType, Permission.Read, cancellationToken);

    public async Task<ReadableSet> ReadableAsync(string resourceType, Permission level, CancellationToken cancellationToken) =>
        Principal is { } principal ? await evaluator.ReadableAsync(principal, resourceType, level, db, cancellationToken) : ReadableSet.Everything;

    public async Task<Permission?> LevelAsync(long workspaceId, string resourceType, string resourceId, CancellationToken cancellationToken) =>
        Principal is { } principal ? await evaluator.LevelAsync(principal, workspaceId, resourceType, resourceId, db, cancellationToken) : Permission.Manage;

    /// <summary>
    /// Whether the caller may copy what an artifact store key (not a URI) lies under into a model of
    /// <paramref name="targetWorkspace"/>: READ on its experiment or registered model, and, when the copy crosses
    /// into another workspace, the <c>download_artifacts</c> capability where the files are (the copy could be
    /// downloaded in the target workspace). A key under neither is for unrestricted platform admins only.
    /// </summary>
    public async Task<bool> CanReadArtifactKeyAsync(string key, long targetWorkspace, CancellationToken cancellationToken)
    {
        if (Principal is not { } principal)
        {
            return true;
        }

        var segments = key.Split('/');
        var registry = Registry.Storage.RegistryStorageKeys.IsRegistry(key);
        var idText = registry ? (segments.Length >= 2 ? segments[1] : "") : segments[0];
        if (!long.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            // Outside every experiment and model: only an unrestricted platform admin could have put files there.
            return principal.IsPlatformAdmin;
        }

        var workspace = registry
            ? await db.RegisteredModels.AsNoTracking().Where(m => m.Id == id).Select(m => (long?)m.WorkspaceId).FirstOrDefaultAsync(cancellationToken)
            : await db.Experiments.AsNoTracking().Where(e => e.Id == id).Select(e => (long?)e.WorkspaceId).FirstOrDefaultAsync(cancellationToken);
        return workspace is { } ws
            && await evaluator.LevelAsync(principal, ws, registry ? ResourceTypes.RegisteredModel : ResourceTypes.Experiment, idText, db, cancellationToken) >= Permission.Read
            && (ws == targetWorkspace || await evaluator.HasCapabilityAsync(principal, ws, Capabilities.DownloadArtifacts, db, cancellationToken));
    }

    /// <summary>Whether the caller may read a run (READ on its experiment). An unknown run is left to the caller's own checks.</summary>
    public async Task<bool> CanReadRunAsync(string runId, CancellationToken cancellationToken)
    {
        if (Principal is null)
        {
            return true;
        }

        var row = await (from r in db.Runs.AsNoTracking()
                join e in db.Experiments.AsNoTracking() on r.ExperimentId equals e.Id
                where r.Id == runId
                select new { e.Id, e.WorkspaceId })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            || await LevelAsync(row.WorkspaceId, ResourceTypes.Experiment, row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken) >= Permission.Read;
    }

    /// <summary>
    /// Appends <c> AND (&lt;workspace column&gt; IN (…) OR &lt;id column&gt; IN (…))</c>, or <c> AND 1 = 0</c> when
    /// nothing is readable, or nothing when everything is.
    /// </summary>
    public static void AppendFilter(RawSql sql, ReadableSet set, string workspaceColumn, string idColumn)
    {
        if (set.All)
        {
            return;
        }

        var ids = set.NumericIds();
        if (set.Workspaces.Count == 0 && ids.Length == 0)
        {
            sql.Append(" AND 1 = 0");
            return;
        }

        sql.Append(" AND (");
        var first = true;
        if (set.Workspaces.Count > 0)
        {
            sql.Append(workspaceColumn).Append(" IN (").Append(string.Join(", ", set.Workspaces.Select(w => sql.Parameter(w)))).Append(")");
            first = false;
        }

        if (ids.Length > 0)
        {
            sql.Append(first ? "" : " OR ").Append(idColumn).Append(" IN (").Append(string.Join(", ", ids.Select(i => sql.Parameter(i)))).Append(")");
        }

        sql.Append(")");
    }
}
