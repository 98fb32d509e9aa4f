using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Search;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry;

public sealed record SearchModelVersionsQuery(string? Filter, IReadOnlyList<string> OrderBy, long? MaxResults, string? PageToken);

/// <summary>model-versions/search (mlflow-rest.md §6.3, §6.4): live versions only, prompts left out unless asked for.</summary>
public sealed class SearchModelVersions(SlipwayDbContext db, RegistryLoader loader, Governance.Access.AccessScope access)
{
    public async Task<Result<SearchPage<ModelVersionView>>> HandleAsync(SearchModelVersionsQuery query, CancellationToken cancellationToken)
    {
        var maxResults = MaxResults.Validate(query.MaxResults, RegistryLimits.VersionsSearchMaxResults, RegistryLimits.VersionsSearchMaxResults);
        if (!maxResults.IsSuccess)
        {
            return maxResults.Error;
        }

        var compiled = ModelVersionSearchCompiler.Compile(query.Filter, query.OrderBy);
        if (!compiled.IsSuccess)
        {
            return compiled.Error;
        }

        var fingerprint = PageToken.Fingerprint("model-versions", query.Filter, string.Join("\u001e", query.OrderBy));
        var decoded = PageToken.Decode(query.PageToken, fingerprint);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        List<(long ModelId, int Version)> keys;
        string? next;
        var readable = await access.ReadableAsync(Governance.Access.ResourceTypes.RegisteredModel, cancellationToken);
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT v.registered_model_id, v.version FROM model_versions v JOIN registered_models m ON m.id = v.registered_model_id WHERE v.deleted = ")
                .Append(sql.Parameter(false));
            Governance.Access.AccessScope.AppendFilter(sql, readable, "m.workspace_id", "m.id");
            (keys, next) = await PagedIdQuery.ReadAsync(
                sql, compiled.Value, maxResults.Value, (int)Math.Min(decoded.Value, int.MaxValue), fingerprint, r => (r.GetInt64(0), r.GetInt32(1)), cancellationToken);
        }

        var modelIds = keys.Select(k => k.ModelId).Distinct().ToList();
        var models = await db.RegisteredModels.AsNoTracking().Where(m => modelIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var found = new Dictionary<(long, int), ModelVersionView>();
        foreach (var group in keys.GroupBy(k => k.ModelId).Where(g => models.ContainsKey(g.Key)))
        {
            foreach (var view in await loader.VersionsAsync(models[group.Key], group.Select(k => k.Version).ToList(), cancellationToken))
            {
                found[(group.Key, view.Version.Version)] = view;
            }
        }

        return new SearchPage<ModelVersionView>(keys.Where(found.ContainsKey).Select(k => found[k]).ToList(), next);
    }
}
