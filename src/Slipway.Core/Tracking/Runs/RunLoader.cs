using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Tracking.Runs;

/// <summary>
/// Loads whole runs for a list of ids in one query per child table, keeping the caller's order. Shared by
/// runs/get and runs/search, which must return the same shape.
/// </summary>
public sealed class RunLoader(SlipwayDbContext db)
{
    public async Task<IReadOnlyList<RunView>> LoadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var runs = await db.Runs.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var metrics = (await db.LatestMetrics.AsNoTracking().Where(m => ids.Contains(m.RunId)).ToListAsync(cancellationToken)).ToLookup(m => m.RunId);
        var parameters = (await db.Params.AsNoTracking().Where(p => ids.Contains(p.RunId)).ToListAsync(cancellationToken)).ToLookup(p => p.RunId);
        var tags = (await db.Tags.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(cancellationToken)).ToLookup(t => t.RunId);
        var links = (await db.RunModelLinks.AsNoTracking().Where(l => ids.Contains(l.RunId)).ToListAsync(cancellationToken)).ToLookup(l => l.RunId);
        var inputs = (await (
                from i in db.RunDatasetInputs.AsNoTracking()
                join d in db.Datasets.AsNoTracking() on i.DatasetId equals d.Id
                where ids.Contains(i.RunId)
                select new { i.RunId, Dataset = d })
            .ToListAsync(cancellationToken)).ToLookup(i => i.RunId);
        var inputTags = inputs.Count == 0
            ? Enumerable.Empty<InputTag>().ToLookup(t => (t.RunId, t.DatasetId))
            : (await db.InputTags.AsNoTracking().Where(t => ids.Contains(t.RunId)).ToListAsync(cancellationToken)).ToLookup(t => (t.RunId, t.DatasetId));

        var views = new List<RunView>(ids.Count);
        foreach (var id in ids)
        {
            if (!runs.TryGetValue(id, out var run))
            {
                continue;
            }

            var datasetInputs = inputs[id]
                .Select(i => new DatasetInputView(i.Dataset, inputTags[(id, i.Dataset.Id)].Select(t => new KeyValue(t.Key, t.Value)).ToList()))
                .ToList();
            views.Add(new RunView(run, metrics[id].ToList(), parameters[id].ToList(), tags[id].ToList(), datasetInputs, links[id].ToList()));
        }

        return views;
    }
}
