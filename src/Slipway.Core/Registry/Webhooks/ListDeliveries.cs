using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>A webhook's delivery log, newest first.</summary>
public sealed class ListDeliveries(SlipwayDbContext db, GetWebhooks webhooks)
{
    public async Task<Result<(List<WebhookDelivery> Items, string? NextCursor)>> HandleAsync(string? webhookId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var found = await webhooks.GetAsync(webhookId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var size = limit ?? GetWebhooks.DefaultPageSize;
        if (size is < 1 or > GetWebhooks.MaxPageSize)
        {
            return Error.Invalid($"limit must be between 1 and {GetWebhooks.MaxPageSize}, not {size}.", "limit");
        }

        var offset = OffsetToken.Read(cursor);
        if (!offset.IsSuccess)
        {
            return Error.Invalid("Invalid cursor.", "cursor");
        }

        var page = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WebhookId == found.Value.Id)
            .OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id)
            .Skip(offset.Value).Take(size + 1)
            .ToListAsync(cancellationToken);
        return (page.Take(size).ToList(), page.Count > size ? OffsetToken.Write(offset.Value + size) : null);
    }
}
