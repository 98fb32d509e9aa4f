using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// Replaces a deployment's spec (PUT): the same checks as create, the salt kept (sticky keys stay on their routes),
/// <see cref="Deployment.Generation"/> bumped with optimistic concurrency (a concurrent update gets 409), holds moved
/// to the versions the new spec serves, and <c>deployment.update</c> audited in the same transaction.
/// </summary>
public sealed class UpdateDeployment(
    SlipwayDbContext db, CurrentActor actor, DeploymentTargets targets, DeploymentHolds holds, AuditLog audit, RegistryEventLog events,
    ServingSignals signals, TimeProvider time)
{
    public async Task<Result<Deployment>> HandleAsync(string name, DeploymentSpec spec, CancellationToken cancellationToken)
    {
        // The name is the route's; a body may leave it out, but cannot rename.
        spec = spec with { Name = spec.Name ?? name };
        if (spec.Name != name)
        {
            return DeploymentErrors.Invalid(DeploymentErrors.NameMismatchCode, $"The body names '{spec.Name}', the path '{name}': deployments cannot be renamed.", "name");
        }

        if (DeploymentValidation.Check(spec) is { } invalid)
        {
            return invalid;
        }

        var workspaceId = actor.WorkspaceId;
        var deployment = await db.Deployments.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.Name == name, cancellationToken);
        if (deployment is null)
        {
            return DeploymentErrors.NotFound(name);
        }

        var resolved = await targets.ResolveAsync(workspaceId, spec, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var before = deployment.Spec;
        deployment.Spec = DeploymentSpecs.Serialize(spec);
        deployment.Generation++;
        deployment.UpdatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return DeploymentErrors.Changed(name);
            }

            await holds.SyncAsync(workspaceId, name, CreateDeployment.Versions(resolved.Value), cancellationToken);
            await audit.RecordAsync(DeploymentAudit.Entry(DeploymentAudit.Update, deployment, before, deployment.Spec), cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }

        db.ChangeTracker.Clear();
        signals.DeploymentChanged(workspaceId, name);
        return deployment;
    }
}
