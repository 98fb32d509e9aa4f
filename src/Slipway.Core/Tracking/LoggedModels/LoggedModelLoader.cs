using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Tracking.LoggedModels;

/// <summary>Loads whole logged models for a list of ids, in the caller's order.</summary>
public sealed class LoggedModelLoader(SlipwayDbContext db)
{
    public async Task<IReadOnlyList<LoggedModelView>> LoadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var models = await db.LoggedModels.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var tags = (await db.LoggedModelTags.AsNoTracking().Where(t => ids.Contains(t.ModelId)).ToListAsync(cancellationToken)).ToLookup(t => t.ModelId);
        var parameters = (await db.LoggedModelParams.AsNoTracking().Where(p => ids.Contains(p.ModelId)).ToListAsync(cancellationToken)).ToLookup(p => p.ModelId);
        var metrics = (await db.LoggedModelMetrics.AsNoTracking().Where(m => ids.Contains(m.ModelId)).OrderBy(m => m.Id).ToListAsync(cancellationToken)).ToLookup(m => m.ModelId);
        return ids.Where(models.ContainsKey).Select(id => new LoggedModelView(
            models[id],
            tags[id].Select(t => new KeyValue(t.Key, t.Value)).ToList(),
            parameters[id].Select(p => new KeyValue(p.Key, p.Value)).ToList(),
            metrics[id].ToList())).ToList();
    }

    public async Task<LoggedModelView?> LoadActiveAsync(string id, CancellationToken cancellationToken)
    {
        var views = await LoadAsync([id], cancellationToken);
        return views.Count == 1 && views[0].Model.LifecycleStage == LifecycleStage.Active ? views[0] : null;
    }
}
