using System.Globalization;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Runs;

namespace Slipway.Core.Tracking.Search;

public sealed record SearchRunsQuery(IReadOnlyList<string> ExperimentIds, string? Filter, IReadOnlyList<string> OrderBy, string? ViewType, long? MaxResults, string? PageToken);

/// <summary>
/// runs/search (mlflow-rest.md §6.2): the filter and order are compiled to parameterized SQL that selects one page of
/// run ids; the runs are then loaded whole. Unknown experiment ids match nothing.
/// </summary>
public sealed class SearchRuns(SlipwayDbContext db, RunLoader loader, Governance.Access.AccessScope access)
{
    public async Task<Result<SearchPage<RunView>>> HandleAsync(SearchRunsQuery query, CancellationToken cancellationToken)
    {
        var maxResults = MaxResults.ForRuns(query.MaxResults);
        if (!maxResults.IsSuccess)
        {
            return maxResults.Error;
        }

        var viewType = ViewTypes.Parse(query.ViewType, "run_view_type");
        if (!viewType.IsSuccess)
        {
            return viewType.Error;
        }

        if (query.ExperimentIds.Count > TrackingLimits.SearchExperimentIds)
        {
            return Error.Invalid($"experiment_ids holds {query.ExperimentIds.Count} ids; the limit is {TrackingLimits.SearchExperimentIds} per search.", "experiment_ids");
        }

        var experimentIds = new List<long>(query.ExperimentIds.Count);
        foreach (var id in query.ExperimentIds)
        {
            if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                experimentIds.Add(parsed);
            }
        }

        var compiled = RunSearchCompiler.Compile(query.Filter, query.OrderBy);
        if (!compiled.IsSuccess)
        {
            return compiled.Error;
        }

        var queryHash = PageToken.Fingerprint("runs", string.Join(',', query.ExperimentIds), query.Filter, string.Join("\u001e", query.OrderBy), viewType.Value.ToString());
        var decoded = PageToken.Decode(query.PageToken, queryHash);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var offset = (int)Math.Min(decoded.Value, int.MaxValue);

        if (experimentIds.Count == 0)
        {
            return new SearchPage<RunView>([], null);
        }

        List<string> ids;
        string? next;
        var readable = await access.ReadableAsync(Governance.Access.ResourceTypes.Experiment, cancellationToken);
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT r.id FROM runs r WHERE ");
            AppendReadable(sql, readable, "r.experiment_id");
            sql.Append("r.experiment_id IN (");
            for (var i = 0; i < experimentIds.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(sql.Parameter(experimentIds[i]));
            }

            sql.Append(") AND ").Append(ViewTypes.Condition(viewType.Value, "r.lifecycle_stage"));
            (ids, next) = await PagedIdQuery.ReadAsync(sql, compiled.Value, maxResults.Value, offset, queryHash, r => r.GetString(0), cancellationToken);
        }

        return new SearchPage<RunView>(await loader.LoadAsync(ids, cancellationToken), next);
    }

    /// <summary>Keeps to experiments the caller may read (in SQL, before paging); nothing for a caller who reads all.</summary>
    internal static void AppendReadable(RawSql sql, Governance.Access.ReadableSet readable, string experimentColumn)
    {
        if (readable.All)
        {
            return;
        }

        sql.Append(experimentColumn).Append(" IN (SELECT e.id FROM experiments e WHERE 1 = 1");
        Governance.Access.AccessScope.AppendFilter(sql, readable, "e.workspace_id", "e.id");
        sql.Append(") AND ");
    }
}
