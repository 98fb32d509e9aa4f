using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// Deletes a deployment: its row, the direct grants on it (a later deployment must not inherit them) and its version
/// holds, audited as <c>deployment.delete</c> in one transaction; then nudges the serving plane to stop serving it.
/// </summary>
public sealed class DeleteDeployment(
    SlipwayDbContext db, CurrentActor actor, DeploymentHolds holds, AuditLog audit, RegistryEventLog events, AccessEvaluator evaluator, ServingSignals signals)
{
    public async Task<Result<Unit>> HandleAsync(string name, CancellationToken cancellationToken)
    {
        var workspaceId = actor.WorkspaceId;
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.Name == name, cancellationToken);
        if (deployment is null)
        {
            return DeploymentErrors.NotFound(name);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await db.Deployments.Where(d => d.Id == deployment.Id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                // Someone else deleted it first; their delete did the rest.
                return DeploymentErrors.NotFound(name);
            }

            var id = deployment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.ResourceGrants.Where(g => g.WorkspaceId == workspaceId && g.ResourceType == ResourceTypes.Deployment && g.ResourceId == id)
                .ExecuteDeleteAsync(cancellationToken);
            await holds.SyncAsync(workspaceId, name, [], cancellationToken);
            await audit.RecordAsync(DeploymentAudit.Entry(DeploymentAudit.Delete, deployment, deployment.Spec, null), cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }

        evaluator.Invalidate();
        signals.DeploymentChanged(workspaceId, name);
        return Unit.Value;
    }
}
