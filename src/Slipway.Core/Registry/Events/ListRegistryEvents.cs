using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Events;

public sealed record RegistryEventQuery(string? Model, int? Version, string? Entity, string? Action, string? Cursor, int? Limit);

/// <summary>
/// The native event feed: registry changes in commit order of their ids, oldest first, filtered by model, version,
/// entity and action. The cursor is the last id seen, so a consumer follows the feed by passing it back.
/// </summary>
public sealed class ListRegistryEvents(SlipwayDbContext db, Governance.Access.AccessScope access)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<Result<(List<RegistryEvent> Items, string? NextCursor)>> HandleAsync(RegistryEventQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid($"limit must be between 1 and {MaxLimit}, not {limit}.", "limit");
        }

        long after = 0;
        if (!string.IsNullOrEmpty(query.Cursor) && !long.TryParse(query.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return Error.Invalid("Invalid cursor: pass back the next_cursor of the previous page (or the id of the last event seen).", "cursor");
        }

        var events = db.RegistryEvents.AsNoTracking().Where(e => e.Id > after);
        var readable = await access.ReadableAsync(Governance.Access.ResourceTypes.RegisteredModel, cancellationToken);
        if (!readable.All)
        {
            var workspaces = readable.Workspaces.ToList();
            var models = readable.NumericIds().ToList();
            events = events.Where(e => workspaces.Contains(e.WorkspaceId) || models.Contains(e.RegisteredModelId));
        }
        if (!string.IsNullOrEmpty(query.Model))
        {
            events = events.Where(e => e.ModelName == query.Model);
        }

        if (query.Version is { } version)
        {
            events = events.Where(e => e.Version == version);
        }

        if (!string.IsNullOrEmpty(query.Entity))
        {
            var entity = query.Entity.ToUpperInvariant();
            events = events.Where(e => e.Entity == entity);
        }

        if (!string.IsNullOrEmpty(query.Action))
        {
            var action = query.Action.ToUpperInvariant();
            events = events.Where(e => e.Action == action);
        }

        var page = await events.OrderBy(e => e.Id).Take(limit).ToListAsync(cancellationToken);
        var next = page.Count == limit ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return (page, next);
    }
}
