using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Search;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry;

public sealed record SearchRegisteredModelsQuery(string? Filter, IReadOnlyList<string> OrderBy, long? MaxResults, string? PageToken);

/// <summary>registered-models/search (mlflow-rest.md §6.3, §6.4), compiled to parameterized SQL like runs/search.</summary>
public sealed class SearchRegisteredModels(SlipwayDbContext db, RegistryLoader loader, Governance.Access.AccessScope access)
{
    public async Task<Result<SearchPage<RegisteredModelView>>> HandleAsync(SearchRegisteredModelsQuery query, CancellationToken cancellationToken)
    {
        var maxResults = MaxResults.Validate(query.MaxResults, RegistryLimits.ModelsSearchDefaultMaxResults, RegistryLimits.ModelsSearchMaxResults);
        if (!maxResults.IsSuccess)
        {
            return maxResults.Error;
        }

        var compiled = RegisteredModelSearchCompiler.Compile(query.Filter, query.OrderBy);
        if (!compiled.IsSuccess)
        {
            return compiled.Error;
        }

        var fingerprint = PageToken.Fingerprint("registered-models", query.Filter, string.Join("\u001e", query.OrderBy));
        var decoded = PageToken.Decode(query.PageToken, fingerprint);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        List<long> ids;
        string? next;
        var readable = await access.ReadableAsync(Governance.Access.ResourceTypes.RegisteredModel, cancellationToken);
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT m.id FROM registered_models m WHERE 1 = 1");
            Governance.Access.AccessScope.AppendFilter(sql, readable, "m.workspace_id", "m.id");
            (ids, next) = await PagedIdQuery.ReadAsync(sql, compiled.Value, maxResults.Value, (int)Math.Min(decoded.Value, int.MaxValue), fingerprint, r => r.GetInt64(0), cancellationToken);
        }

        var models = await db.RegisteredModels.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var views = await loader.ViewsAsync(ids.Where(models.ContainsKey).Select(id => models[id]).ToList(), cancellationToken);
        return new SearchPage<RegisteredModelView>(views, next);
    }
}
