using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// Reads deployments of the caller's workspace as the API answers them: the stored spec with its name, and each
/// route's state from <see cref="IDeploymentStatusSource"/>. Lists hold only what the caller may READ.
/// </summary>
public sealed class DeploymentViews(SlipwayDbContext db, CurrentActor actor, AccessScope access, IDeploymentStatusSource status)
{
    public const int MaxResults = 1000;

    public async Task<Result<DeploymentResponse>> GetAsync(string name, CancellationToken cancellationToken)
    {
        var workspaceId = actor.WorkspaceId;
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.Name == name, cancellationToken);
        return deployment is null ? DeploymentErrors.NotFound(name) : await ResponseAsync(deployment, cancellationToken);
    }

    /// <summary>The deployments of the caller's workspace that the caller may READ, by name.</summary>
    public async Task<List<DeploymentResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var workspaceId = actor.WorkspaceId;
        var readable = await access.ReadableAsync(ResourceTypes.Deployment, cancellationToken);
        var query = db.Deployments.AsNoTracking().Where(d => d.WorkspaceId == workspaceId);
        if (!readable.All)
        {
            var workspaces = readable.Workspaces.ToList();
            var ids = readable.NumericIds();
            query = query.Where(d => workspaces.Contains(d.WorkspaceId) || ids.Contains(d.Id));
        }

        var rows = await query.OrderBy(d => d.Name).Take(MaxResults).ToListAsync(cancellationToken);
        var workspace = await WorkspaceNameAsync(workspaceId, cancellationToken);
        return rows.ConvertAll(d => Response(d, workspace));
    }

    public async Task<DeploymentResponse> ResponseAsync(Deployment deployment, CancellationToken cancellationToken) =>
        Response(deployment, await WorkspaceNameAsync(deployment.WorkspaceId, cancellationToken));

    private DeploymentResponse Response(Deployment deployment, string workspace)
    {
        var spec = DeploymentSpecs.Parse(deployment);
        return new DeploymentResponse(
            spec, workspace, deployment.CreatedBy, deployment.CreatedAt, deployment.UpdatedAt, deployment.Generation, status.Describe(deployment.WorkspaceId, deployment.Name, spec));
    }

    private async Task<string> WorkspaceNameAsync(long id, CancellationToken cancellationToken) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == id).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
}
