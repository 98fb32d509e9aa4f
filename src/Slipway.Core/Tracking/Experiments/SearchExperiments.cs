using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tracking.Experiments;

public sealed record SearchExperimentsQuery(string? Filter, IReadOnlyList<string> OrderBy, string? ViewType, long? MaxResults, string? PageToken);

/// <summary>experiments/search (mlflow-rest.md §6.3), compiled to parameterized SQL like runs/search.</summary>
public sealed class SearchExperiments(SlipwayDbContext db, Governance.Access.AccessScope access)
{
    public async Task<Result<SearchPage<Experiment>>> HandleAsync(SearchExperimentsQuery query, CancellationToken cancellationToken)
    {
        var maxResults = MaxResults.ForExperiments(query.MaxResults);
        if (!maxResults.IsSuccess)
        {
            return maxResults.Error;
        }

        var viewType = ViewTypes.Parse(query.ViewType, "view_type");
        if (!viewType.IsSuccess)
        {
            return viewType.Error;
        }

        var compiled = ExperimentSearchCompiler.Compile(query.Filter, query.OrderBy);
        if (!compiled.IsSuccess)
        {
            return compiled.Error;
        }

        var queryHash = PageToken.Fingerprint("experiments", query.Filter, string.Join("\u001e", query.OrderBy), viewType.Value.ToString());
        var decoded = PageToken.Decode(query.PageToken, queryHash);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var offset = (int)Math.Min(decoded.Value, int.MaxValue);

        List<long> ids;
        string? next;
        var readable = await access.ReadableAsync(Governance.Access.ResourceTypes.Experiment, cancellationToken);
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT e.id FROM experiments e WHERE ").Append(ViewTypes.Condition(viewType.Value, "e.lifecycle_stage"));
            Governance.Access.AccessScope.AppendFilter(sql, readable, "e.workspace_id", "e.id");
            (ids, next) = await PagedIdQuery.ReadAsync(sql, compiled.Value, maxResults.Value, offset, queryHash, r => r.GetInt64(0), cancellationToken);
        }

        var experiments = await db.Experiments.AsNoTracking().Include(e => e.Tags).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        return new SearchPage<Experiment>(ids.Where(experiments.ContainsKey).Select(id => experiments[id]).ToList(), next);
    }
}
