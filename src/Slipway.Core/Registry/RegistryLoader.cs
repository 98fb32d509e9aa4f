using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

/// <summary>Reads registered models and versions in the shapes the APIs return; shared by every registry use case.</summary>
public sealed class RegistryLoader(SlipwayDbContext db, CurrentActor actor)
{
    /// <summary>The workspace that names resolve in: the request's (see <see cref="SlipwayPrincipal.WorkspaceId"/>).</summary>
    public long WorkspaceId => actor.WorkspaceId;

    public async Task<Result<RegisteredModel>> FindAsync(string? name, CancellationToken cancellationToken)
    {
        if (RegistryRules.Name(name) is { } error)
        {
            return error;
        }

        var model = await db.RegisteredModels.FirstOrDefaultAsync(m => m.WorkspaceId == actor.WorkspaceId && m.Name == name, cancellationToken);
        return model is null ? RegistryRules.ModelNotFound(name!) : model;
    }

    public async Task<Result<RegisteredModelView>> ModelAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(name, cancellationToken);
        return found.IsSuccess ? await ViewAsync(found.Value, cancellationToken) : found.Error;
    }

    public async Task<RegisteredModelView> ViewAsync(RegisteredModel model, CancellationToken cancellationToken) =>
        (await ViewsAsync([model], cancellationToken))[0];

    /// <summary>
    /// Whole models with their tags, aliases and latest version per stage, in the caller's order, in four queries
    /// whatever the number of models (search pages hold up to 1,000). A view is a read-only snapshot: a tracked model
    /// is detached first, so the untracked tag and alias rows attached to it are never seen as new by a later save.
    /// </summary>
    public async Task<List<RegisteredModelView>> ViewsAsync(IReadOnlyList<RegisteredModel> models, CancellationToken cancellationToken)
    {
        foreach (var model in models)
        {
            var entry = db.Entry(model);
            if (entry.State != EntityState.Detached)
            {
                entry.State = EntityState.Detached;
            }
        }

        var ids = models.Select(m => m.Id).ToList();
        var tags = (await db.RegisteredModelTags.AsNoTracking().Where(t => ids.Contains(t.RegisteredModelId)).ToListAsync(cancellationToken))
            .ToLookup(t => t.RegisteredModelId);
        var aliases = (await db.RegisteredModelAliases.AsNoTracking().Where(a => ids.Contains(a.RegisteredModelId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.RegisteredModelId);
        var latest = (await db.ModelVersions.Where(v => ids.Contains(v.RegisteredModelId) && !v.Deleted)
                .GroupBy(v => new { v.RegisteredModelId, v.CurrentStage })
                .Select(g => new { g.Key.RegisteredModelId, Version = g.Max(v => v.Version) })
                .ToListAsync(cancellationToken))
            .Select(l => (l.RegisteredModelId, l.Version))
            .ToHashSet();
        var numbers = latest.Select(l => l.Version).Distinct().ToList();
        var versions = (await db.ModelVersions.AsNoTracking().Include(v => v.Tags)
                .Where(v => ids.Contains(v.RegisteredModelId) && !v.Deleted && numbers.Contains(v.Version))
                .ToListAsync(cancellationToken))
            .Where(v => latest.Contains((v.RegisteredModelId, v.Version)))
            .ToLookup(v => v.RegisteredModelId);

        return models.Select(model =>
        {
            model.Tags = tags[model.Id].OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            model.Aliases = aliases[model.Id].OrderBy(a => a.Alias, StringComparer.Ordinal).ToList();
            var views = versions[model.Id]
                .OrderByDescending(v => v.Version)
                .Select(v => new ModelVersionView(
                    model.Name,
                    v,
                    model.Aliases.Where(a => a.Version == v.Version).Select(a => a.Alias).ToList()))
                .ToList();
            return new RegisteredModelView(model, views);
        }).ToList();
    }

    public async Task<Result<ModelVersionView>> VersionAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var found = await FindAsync(name, cancellationToken);
        return found.IsSuccess ? await VersionAsync(found.Value, number.Value, cancellationToken) : found.Error;
    }

    public async Task<Result<ModelVersionView>> VersionAsync(RegisteredModel model, int version, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(model, [version], cancellationToken);
        return versions.Count == 0 ? RegistryRules.VersionNotFound(model.Name, version) : versions[0];
    }

    /// <summary>The live versions among <paramref name="numbers"/>, newest first, with their tags and aliases.</summary>
    public async Task<List<ModelVersionView>> VersionsAsync(RegisteredModel model, IReadOnlyCollection<int> numbers, CancellationToken cancellationToken)
    {
        if (numbers.Count == 0)
        {
            return [];
        }

        var versions = await db.ModelVersions.AsNoTracking().Include(v => v.Tags)
            .Where(v => v.RegisteredModelId == model.Id && !v.Deleted && numbers.Contains(v.Version))
            .OrderByDescending(v => v.Version)
            .ToListAsync(cancellationToken);
        var aliases = await db.RegisteredModelAliases.AsNoTracking()
            .Where(a => a.RegisteredModelId == model.Id && numbers.Contains(a.Version))
            .ToListAsync(cancellationToken);
        return versions.ConvertAll(v => new ModelVersionView(
            model.Name,
            v,
            aliases.Where(a => a.Version == v.Version).Select(a => a.Alias).Order(StringComparer.Ordinal).ToList()));
    }
}
