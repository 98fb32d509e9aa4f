using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

/// <summary>Reads registered models and versions in the shapes the APIs return; shared by every registry use case.</summary>
public sealed class RegistryLoader(SlipwayDbContext db)
{
    public async Task<Result<RegisteredModel>> FindAsync(string? name, CancellationToken cancellationToken)
    {
        if (RegistryRules.Name(name) is { } error)
        {
            return error;
        }

        var model = await db.RegisteredModels.FirstOrDefaultAsync(m => m.WorkspaceId == Workspace.DefaultId && m.Name == name, cancellationToken);
        return model is null ? RegistryRules.ModelNotFound(name!) : model;
    }

    public async Task<Result<RegisteredModelView>> ModelAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(name, cancellationToken);
        return found.IsSuccess ? await ViewAsync(found.Value, cancellationToken) : found.Error;
    }

    public async Task<RegisteredModelView> ViewAsync(RegisteredModel model, CancellationToken cancellationToken)
    {
        model.Tags = await db.RegisteredModelTags.AsNoTracking().Where(t => t.RegisteredModelId == model.Id).OrderBy(t => t.Key).ToListAsync(cancellationToken);
        model.Aliases = await db.RegisteredModelAliases.AsNoTracking().Where(a => a.RegisteredModelId == model.Id).OrderBy(a => a.Alias).ToListAsync(cancellationToken);
        var latest = await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && !v.Deleted)
            .GroupBy(v => v.CurrentStage)
            .Select(g => g.Max(v => v.Version))
            .ToListAsync(cancellationToken);
        var versions = await VersionsAsync(model, latest, cancellationToken);
        return new RegisteredModelView(model, versions);
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
