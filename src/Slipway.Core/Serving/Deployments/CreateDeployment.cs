using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// Creates a deployment in the caller's workspace: checks the spec and its targets (nothing is stored on a refusal),
/// stores the spec as given with a fresh sticky-key salt, gives the creator MANAGE on it, holds the versions it
/// serves and audits <c>deployment.create</c>, all in one transaction; then nudges the serving plane.
/// </summary>
public sealed class CreateDeployment(
    SlipwayDbContext db, CurrentActor actor, DeploymentTargets targets, DeploymentHolds holds, CreatorGrants creator, AuditLog audit,
    RegistryEventLog events, ServingSignals signals, TimeProvider time)
{
    public async Task<Result<Deployment>> HandleAsync(DeploymentSpec spec, CancellationToken cancellationToken)
    {
        if (DeploymentValidation.Check(spec) is { } invalid)
        {
            return invalid;
        }

        var workspaceId = actor.WorkspaceId;
        if (await db.Deployments.AnyAsync(d => d.WorkspaceId == workspaceId && d.Name == spec.Name, cancellationToken))
        {
            return DeploymentErrors.Exists(spec.Name);
        }

        var resolved = await targets.ResolveAsync(workspaceId, spec, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var deployment = new Deployment
        {
            WorkspaceId = workspaceId,
            Name = spec.Name,
            Spec = DeploymentSpecs.Serialize(spec),
            Salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CreatedBy = actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Deployments.Add(deployment);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // A concurrent create of the same name won; disposing the transaction rolls this one back.
                return DeploymentErrors.Exists(spec.Name);
            }

            if (creator.Add(workspaceId, ResourceTypes.Deployment, deployment.Id))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await holds.SyncAsync(workspaceId, deployment.Name, Versions(resolved.Value), cancellationToken);
            await audit.RecordAsync(DeploymentAudit.Entry(DeploymentAudit.Create, deployment, null, deployment.Spec), cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }

        creator.Committed();
        db.ChangeTracker.Clear();
        signals.DeploymentChanged(workspaceId, deployment.Name);
        return deployment;
    }

    internal static List<(long RegisteredModelId, int Version)> Versions(IEnumerable<ResolvedTarget> targets) =>
        targets.Select(t => (t.RegisteredModelId, t.Version)).Distinct().ToList();
}
