using System.Text;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// Keeps <c>catalog_entries</c> (one row per live version) in step with the registry. <see cref="RefreshAsync"/> rewrites
/// the rows of one version, or of every version of a model when a model-level change (rename, description, model tags)
/// touches them all; rows of deleted versions and models go. The database's own triggers (SQLite FTS5) or generated
/// column (PostgreSQL tsvector) follow the rows. Runs in the caller's transaction, so the index commits with the change.
/// </summary>
public sealed class CatalogIndexer(SlipwayDbContext db, TimeProvider time)
{
    public async Task RefreshAsync(long registeredModelId, int? version, CancellationToken cancellationToken)
    {
        var model = await db.RegisteredModels.AsNoTracking().Include(m => m.Tags)
            .FirstOrDefaultAsync(m => m.Id == registeredModelId, cancellationToken);
        if (model is null)
        {
            await db.CatalogEntries.Where(e => e.RegisteredModelId == registeredModelId).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var versions = await db.ModelVersions.AsNoTracking().Include(v => v.Tags)
            .Where(v => v.RegisteredModelId == registeredModelId && (version == null || v.Version == version))
            .ToListAsync(cancellationToken);
        var cards = await db.ModelCards.AsNoTracking()
            .Where(c => c.RegisteredModelId == registeredModelId && (version == null || c.Version == version))
            .ToDictionaryAsync(c => c.Version, cancellationToken);
        var gone = versions.Where(v => v.Deleted).Select(v => v.Version).ToList();
        if (gone.Count > 0)
        {
            await db.CatalogEntries.Where(e => e.RegisteredModelId == registeredModelId && gone.Contains(e.Version)).ExecuteDeleteAsync(cancellationToken);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var sql = await RawSql.CreateAsync(db, cancellationToken);
        foreach (var live in versions.Where(v => !v.Deleted))
        {
            sql.Reset();
            var entry = EntryFor(model, live, cards.GetValueOrDefault(live.Version), now);
            // An upsert rather than EF's insert-or-update: two concurrent refreshes must not fail the change they follow.
            sql.Append("INSERT INTO catalog_entries (registered_model_id, version, workspace_id, model_name, description, tags, card, flavor, origin, archived, updated_at) VALUES (")
                .Append(sql.Parameter(entry.RegisteredModelId)).Append(", ")
                .Append(sql.Parameter(entry.Version)).Append(", ")
                .Append(sql.Parameter(entry.WorkspaceId)).Append(", ")
                .Append(sql.Parameter(entry.ModelName)).Append(", ")
                .Append(sql.Parameter(entry.Description)).Append(", ")
                .Append(sql.Parameter(entry.Tags)).Append(", ")
                .Append(sql.Parameter(entry.Card)).Append(", ")
                .Append(sql.Parameter(entry.Flavor)).Append(", ")
                .Append(sql.Parameter(entry.Origin)).Append(", ")
                .Append(sql.Parameter(entry.Archived)).Append(", ")
                .Append(sql.Parameter(entry.UpdatedAt))
                .Append(") ON CONFLICT (registered_model_id, version) DO UPDATE SET workspace_id = excluded.workspace_id, model_name = excluded.model_name, ")
                .Append("description = excluded.description, tags = excluded.tags, card = excluded.card, flavor = excluded.flavor, origin = excluded.origin, ")
                .Append("archived = excluded.archived, updated_at = excluded.updated_at");
            await sql.ExecuteAsync(cancellationToken);
        }
    }

    /// <summary>Rewrites the whole index, model by model: after an upgrade, or when an operator suspects drift.</summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        var ids = await db.RegisteredModels.AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await RefreshAsync(id, null, cancellationToken);
        }

        await db.CatalogEntries.Where(e => !db.RegisteredModels.Any(m => m.Id == e.RegisteredModelId)).ExecuteDeleteAsync(cancellationToken);
        return await db.CatalogEntries.CountAsync(cancellationToken);
    }

    private static CatalogEntry EntryFor(RegisteredModel model, ModelVersion version, ModelCard? card, long now) => new()
    {
        RegisteredModelId = model.Id,
        Version = version.Version,
        WorkspaceId = model.WorkspaceId,
        ModelName = model.Name,
        Description = Lines(model.Description, version.Description),
        Tags = string.Join('\n', model.Tags.Select(t => $"{t.Key} {t.Value}").Concat(version.Tags.Select(t => $"{t.Key} {t.Value}"))),
        Card = card is null ? "" : CardText(card),
        Flavor = version.Flavor,
        Origin = version.Origin,
        Archived = version.ArchivedAt is not null,
        UpdatedAt = now,
    };

    private static string CardText(ModelCard card)
    {
        var view = ModelCardJson.Read(card);
        var text = new StringBuilder();
        foreach (var part in new[] { card.IntendedUse, card.Limitations, card.License, card.Text })
        {
            if (part.Length > 0)
            {
                text.Append(part).Append('\n');
            }
        }

        foreach (var dataset in view.TrainingData.Concat(view.EvaluationData))
        {
            text.Append(dataset.Name).Append('\n');
        }

        foreach (var owner in view.Owners)
        {
            text.Append(owner).Append('\n');
        }

        return text.ToString();
    }

    private static string Lines(params string[] parts) => string.Join('\n', parts.Where(p => p.Length > 0));
}
