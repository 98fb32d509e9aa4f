using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry;
using Slipway.Core.Tracking;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Finds the resource a grant names; it must exist. Grants store ids: an experiment's id, a registered model's id
/// (a model may be named by id or by name), a deployment's id (named by name or id). Only experiments, registered
/// models and deployments take direct grants so far (a Consumer gets USE on the deployments it may call).
/// </summary>
public sealed class GrantTargets(SlipwayDbContext db)
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal) { ResourceTypes.Experiment, ResourceTypes.RegisteredModel, ResourceTypes.Deployment };

    /// <summary>A resource of <paramref name="workspaceId"/>; one in another workspace is not found.</summary>
    public async Task<Result<GrantTarget>> InWorkspaceAsync(long workspaceId, string? type, string? resourceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return Error.MissingField("resource_type");
        }

        if (!Supported.Contains(type))
        {
            return Error.Invalid($"Direct grants name an experiment, a registered model or a deployment; '{type}' is not supported.", "resource_type");
        }

        if (string.IsNullOrWhiteSpace(resourceId))
        {
            return Error.MissingField("resource_id");
        }

        var found = type switch
        {
            ResourceTypes.Experiment => await ExperimentAsync(resourceId, cancellationToken),
            ResourceTypes.Deployment => await DeploymentAsync(workspaceId, resourceId, cancellationToken),
            _ => await RegisteredModelAsync(workspaceId, resourceId, byIdToo: true, cancellationToken),
        };
        if (found.IsSuccess && found.Value.WorkspaceId != workspaceId)
        {
            return Error.NotFound($"This workspace has no {type} '{resourceId}'.");
        }

        return found;
    }

    /// <summary>An experiment by id, in whatever workspace it lives.</summary>
    public async Task<Result<GrantTarget>> ExperimentAsync(string? experimentId, CancellationToken cancellationToken)
    {
        var id = TrackingValidation.ExperimentId(experimentId);
        if (!id.IsSuccess)
        {
            return id.Error;
        }

        var experiment = await db.Experiments.AsNoTracking().Where(e => e.Id == id.Value).Select(e => new { e.Id, e.WorkspaceId, e.Name }).FirstOrDefaultAsync(cancellationToken);
        return experiment is null
            ? Error.NotFound($"No experiment has the id '{experimentId}'.")
            : new GrantTarget(experiment.WorkspaceId, ResourceTypes.Experiment, experiment.Id.ToString(CultureInfo.InvariantCulture), experiment.Name);
    }

    /// <summary>A registered model by name in a workspace (or by numeric id when <paramref name="byIdToo"/> and no model has that name).</summary>
    public async Task<Result<GrantTarget>> RegisteredModelAsync(long workspaceId, string? name, bool byIdToo, CancellationToken cancellationToken)
    {
        if (RegistryRules.Name(name) is { } error)
        {
            return error;
        }

        var model = await db.RegisteredModels.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Name == name)
            .Select(m => new { m.Id, m.WorkspaceId, m.Name }).FirstOrDefaultAsync(cancellationToken);
        if (model is null && byIdToo && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            model = await db.RegisteredModels.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Id == id)
                .Select(m => new { m.Id, m.WorkspaceId, m.Name }).FirstOrDefaultAsync(cancellationToken);
        }

        return model is null
            ? RegistryRules.ModelNotFound(name!)
            : new GrantTarget(model.WorkspaceId, ResourceTypes.RegisteredModel, model.Id.ToString(CultureInfo.InvariantCulture), model.Name);
    }

    /// <summary>A deployment by name in a workspace, or by numeric id when no deployment has that name.</summary>
    public async Task<Result<GrantTarget>> DeploymentAsync(long workspaceId, string name, CancellationToken cancellationToken)
    {
        var deployment = await db.Deployments.AsNoTracking().Where(d => d.WorkspaceId == workspaceId && d.Name == name)
            .Select(d => new { d.Id, d.WorkspaceId, d.Name }).FirstOrDefaultAsync(cancellationToken);
        if (deployment is null && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            deployment = await db.Deployments.AsNoTracking().Where(d => d.WorkspaceId == workspaceId && d.Id == id)
                .Select(d => new { d.Id, d.WorkspaceId, d.Name }).FirstOrDefaultAsync(cancellationToken);
        }

        return deployment is null
            ? Error.NotFound($"This workspace has no deployment '{name}'.")
            : new GrantTarget(deployment.WorkspaceId, ResourceTypes.Deployment, deployment.Id.ToString(CultureInfo.InvariantCulture), deployment.Name);
    }
}
