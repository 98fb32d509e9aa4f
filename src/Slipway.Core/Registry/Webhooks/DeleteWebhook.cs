using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>Deletes a webhook with its delivery log; deliveries still queued for it are dropped.</summary>
public sealed class DeleteWebhook(SlipwayDbContext db, CurrentActor actor)
{
    public async Task<Result<Unit>> HandleAsync(string? id, CancellationToken cancellationToken)
    {
        var deleted = await db.Webhooks.Where(w => w.Id == id && w.WorkspaceId == actor.WorkspaceId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? WebhookRules.NotFound(id) : Unit.Value;
    }
}
