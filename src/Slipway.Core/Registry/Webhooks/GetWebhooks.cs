using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>Reads one webhook, or a page of them (oldest first; the page token is an opaque offset).</summary>
public sealed class GetWebhooks(SlipwayDbContext db, CurrentActor actor)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public async Task<Result<Webhook>> GetAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Error.MissingField("webhook_id");
        }

        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id && w.WorkspaceId == actor.WorkspaceId, cancellationToken);
        return webhook is null ? WebhookRules.NotFound(id) : webhook;
    }

    public async Task<Result<(List<Webhook> Items, string? NextPageToken)>> ListAsync(int? maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        var size = maxResults ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize)
        {
            return Error.Invalid($"max_results must be between 1 and {MaxPageSize}, not {size}.", "max_results");
        }

        var offset = OffsetToken.Read(pageToken);
        if (!offset.IsSuccess)
        {
            return offset.Error;
        }

        var page = await db.Webhooks.AsNoTracking()
            .Where(w => w.WorkspaceId == actor.WorkspaceId)
            .OrderBy(w => w.CreationTimestamp).ThenBy(w => w.Id)
            .Skip(offset.Value).Take(size + 1)
            .ToListAsync(cancellationToken);
        var next = page.Count > size ? OffsetToken.Write(offset.Value + size) : null;
        return (page.Take(size).ToList(), next);
    }
}
