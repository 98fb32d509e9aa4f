using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// Gives a new version its model card, filled from what is known: the source run's latest metrics (finite values),
/// its dataset inputs split by their <c>mlflow.data.context</c> tag (training, or evaluation for eval, validation and
/// test contexts; inputs without a context count as training), and the creator as owner. Also records the creator on
/// the version when the creating path has not, and puts the version in the catalog. Called once, inside the
/// transaction that creates the version.
/// </summary>
public sealed class ModelCardAutoFill(SlipwayDbContext db, CatalogIndexer indexer, CurrentActor actor, TimeProvider time)
{
    public const string ContextTag = "mlflow.data.context";

    private static readonly HashSet<string> EvaluationContexts = new(StringComparer.OrdinalIgnoreCase) { "evaluation", "eval", "validation", "test", "testing" };

    public async Task FillAsync(long registeredModelId, int version, CancellationToken cancellationToken)
    {
        var source = await db.ModelVersions.AsNoTracking()
            .Where(v => v.RegisteredModelId == registeredModelId && v.Version == version)
            .Select(v => new { v.RunId, v.CreatedBy, v.License })
            .FirstAsync(cancellationToken);
        var creator = source.CreatedBy;
        if (creator is null)
        {
            creator = actor.Name;
            await db.ModelVersions.Where(v => v.RegisteredModelId == registeredModelId && v.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedBy, creator), cancellationToken);
        }

        if (!await db.ModelCards.AnyAsync(c => c.RegisteredModelId == registeredModelId && c.Version == version, cancellationToken))
        {
            var (training, evaluation) = string.IsNullOrEmpty(source.RunId) ? ([], []) : await DatasetsAsync(source.RunId, cancellationToken);
            var metrics = string.IsNullOrEmpty(source.RunId) ? [] : await MetricsAsync(source.RunId, cancellationToken);
            db.ModelCards.Add(new ModelCard
            {
                RegisteredModelId = registeredModelId,
                Version = version,
                TrainingData = ModelCardJson.Write(training),
                EvaluationData = ModelCardJson.Write(evaluation),
                Metrics = ModelCardJson.Write(metrics),
                Owners = ModelCardJson.Write(new[] { creator }),
                License = source.License ?? "",
                UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
                UpdatedBy = creator,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await indexer.RefreshAsync(registeredModelId, version, cancellationToken);
    }

    private async Task<SortedDictionary<string, double>> MetricsAsync(string runId, CancellationToken cancellationToken)
    {
        var latest = await db.LatestMetrics.AsNoTracking().Where(m => m.RunId == runId && !m.IsNan)
            .Select(m => new { m.Key, m.Value }).ToListAsync(cancellationToken);
        return new SortedDictionary<string, double>(
            latest.Where(m => double.IsFinite(m.Value)).ToDictionary(m => m.Key, m => m.Value), StringComparer.Ordinal);
    }

    private async Task<(List<ModelCardDataset> Training, List<ModelCardDataset> Evaluation)> DatasetsAsync(string runId, CancellationToken cancellationToken)
    {
        var inputs = await (from i in db.RunDatasetInputs.AsNoTracking()
                            join d in db.Datasets.AsNoTracking() on i.DatasetId equals d.Id
                            where i.RunId == runId
                            orderby d.Name, d.Id
                            select new { d.Id, d.Name, d.Digest, d.Source, d.SourceType }).ToListAsync(cancellationToken);
        var contexts = await db.InputTags.AsNoTracking().Where(t => t.RunId == runId && t.Key == ContextTag)
            .ToDictionaryAsync(t => t.DatasetId, t => t.Value, cancellationToken);
        var training = new List<ModelCardDataset>();
        var evaluation = new List<ModelCardDataset>();
        foreach (var input in inputs)
        {
            var dataset = new ModelCardDataset(input.Name, input.Digest, input.Source, input.SourceType, runId);
            (contexts.TryGetValue(input.Id, out var context) && EvaluationContexts.Contains(context) ? evaluation : training).Add(dataset);
        }

        return (training, evaluation);
    }
}
