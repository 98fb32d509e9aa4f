using System.Globalization;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tracking.LoggedModels;

public sealed record SearchLoggedModelsQuery(
    IReadOnlyList<string> ExperimentIds,
    string? Filter,
    IReadOnlyList<LoggedModelDataset> Datasets,
    IReadOnlyList<LoggedModelOrderBy> OrderBy,
    long? MaxResults,
    string? PageToken);

/// <summary>logged-models/search (mlflow-rest.md §6.5): only the given experiments, never deleted models.</summary>
public sealed class SearchLoggedModels(SlipwayDbContext db, LoggedModelLoader loader, Governance.Access.AccessScope access)
{
    public async Task<Result<SearchPage<LoggedModelView>>> HandleAsync(SearchLoggedModelsQuery query, CancellationToken cancellationToken)
    {
        if (query.ExperimentIds.Count == 0)
        {
            return Error.MissingField("experiment_ids");
        }

        var maxResults = MaxResults.ForLoggedModels(query.MaxResults);
        if (!maxResults.IsSuccess)
        {
            return maxResults.Error;
        }

        if (query.ExperimentIds.Count > TrackingLimits.SearchExperimentIds)
        {
            return Error.Invalid($"experiment_ids holds {query.ExperimentIds.Count} ids; the limit is {TrackingLimits.SearchExperimentIds} per search.", "experiment_ids");
        }

        var experimentIds = new List<long>();
        foreach (var id in query.ExperimentIds)
        {
            var parsed = TrackingValidation.ExperimentId(id, "experiment_ids");
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            experimentIds.Add(parsed.Value);
        }

        var compiled = LoggedModelSearchCompiler.Compile(query.Filter, query.Datasets, query.OrderBy);
        if (!compiled.IsSuccess)
        {
            return compiled.Error;
        }

        var queryHash = PageToken.Fingerprint(
            "logged-models",
            string.Join(',', experimentIds.Select(i => i.ToString(CultureInfo.InvariantCulture))),
            query.Filter,
            string.Join("\u001e", query.OrderBy.Select(o => $"{o.FieldName}|{o.Ascending}|{o.DatasetName}|{o.DatasetDigest}")),
            string.Join("\u001e", query.Datasets.Select(d => $"{d.DatasetName}|{d.DatasetDigest}")));
        var decoded = PageToken.Decode(query.PageToken, queryHash);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var offset = (int)Math.Min(decoded.Value, int.MaxValue);

        List<string> ids;
        string? next;
        var readable = await access.ReadableAsync(Governance.Access.ResourceTypes.Experiment, cancellationToken);
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT lm.id FROM logged_models lm WHERE lm.lifecycle_stage = 'active' AND ");
            Search.SearchRuns.AppendReadable(sql, readable, "lm.experiment_id");
            sql.Append("lm.experiment_id IN (");
            for (var i = 0; i < experimentIds.Count; i++)
            {
                sql.Append(i == 0 ? "" : ", ").Append(sql.Parameter(experimentIds[i]));
            }

            sql.Append(")");
            (ids, next) = await PagedIdQuery.ReadAsync(sql, compiled.Value, maxResults.Value, offset, queryHash, r => r.GetString(0), cancellationToken);
        }

        return new SearchPage<LoggedModelView>(await loader.LoadAsync(ids, cancellationToken), next);
    }
}
