using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow;
using Slipway.Core.Registry.Storage;

namespace Slipway.Core.Governance.Access;

/// <summary>The resource a request touches, as grants name it.</summary>
public sealed record ResolvedResource(long WorkspaceId, string ResourceType, string ResourceId)
{
    /// <summary>Model files (registry copies, logged-model artifacts): reading them also needs <c>download_artifacts</c>.</summary>
    public bool IsModelFiles { get; init; }

    /// <summary>The whole artifact root (no experiment): only platform admins may list it.</summary>
    public bool IsRoot { get; init; }
}

/// <summary>
/// Finds the resource named by a request the way the handler will find it: the same fields, parsed by the same
/// reader (<see cref="MlflowRequest"/>, whose body is kept for the handler), in the same workspace. A request that
/// names nothing or something that does not exist resolves to null and reaches the handler, which answers 400 or
/// 404 from the very same values.
/// </summary>
public sealed class ResourceResolver(SlipwayDbContext db, IDeploymentDirectory? deployments = null)
{
    public async Task<Result<ResolvedResource?>> ResolveAsync(HttpContext context, ResourceLocator locator, long workspaceId)
    {
        var cancellationToken = context.RequestAborted;
        if (locator.Kind == ResourceKind.ArtifactPath)
        {
            return await ArtifactAsync(context, cancellationToken);
        }

        var value = await ReadAsync(context, locator);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        var text = value.Value ?? locator.Default;
        if (string.IsNullOrEmpty(text))
        {
            return (ResolvedResource?)null;
        }

        switch (locator.Kind)
        {
            case ResourceKind.ExperimentId:
                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var experimentId)
                    ? await ExperimentAsync(experimentId, cancellationToken)
                    : null;
            case ResourceKind.ExperimentName:
            {
                var row = await db.Experiments.AsNoTracking().Where(e => e.WorkspaceId == workspaceId && e.Name == text)
                    .Select(e => new { e.Id, e.WorkspaceId }).FirstOrDefaultAsync(cancellationToken);
                return row is null ? null : Experiment(row.WorkspaceId, row.Id);
            }

            case ResourceKind.RunId:
            {
                var row = await (from r in db.Runs.AsNoTracking()
                        join e in db.Experiments.AsNoTracking() on r.ExperimentId equals e.Id
                        where r.Id == text
                        select new { e.Id, e.WorkspaceId })
                    .FirstOrDefaultAsync(cancellationToken);
                return row is null ? null : Experiment(row.WorkspaceId, row.Id);
            }

            case ResourceKind.LoggedModelId:
            {
                var row = await (from m in db.LoggedModels.AsNoTracking()
                        join e in db.Experiments.AsNoTracking() on m.ExperimentId equals e.Id
                        where m.Id == text
                        select new { e.Id, e.WorkspaceId })
                    .FirstOrDefaultAsync(cancellationToken);
                return row is null ? null : Experiment(row.WorkspaceId, row.Id);
            }

            case ResourceKind.RegisteredModelName:
            {
                var row = await db.RegisteredModels.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Name == text)
                    .Select(m => new { m.Id, m.WorkspaceId }).FirstOrDefaultAsync(cancellationToken);
                return row is null ? null : Model(row.WorkspaceId, row.Id);
            }

            case ResourceKind.DeploymentName:
            {
                // The serving plane's in-memory table answers the hot inference path without a query; a deployment it
                // does not know yet (created on another replica moments ago) is looked up in the database.
                if (deployments?.Find(workspaceId, text) is { } known)
                {
                    return new ResolvedResource(workspaceId, ResourceTypes.Deployment, known.ToString(CultureInfo.InvariantCulture));
                }

                var row = await db.Deployments.AsNoTracking().Where(d => d.WorkspaceId == workspaceId && d.Name == text)
                    .Select(d => new { d.Id, d.WorkspaceId }).FirstOrDefaultAsync(cancellationToken);
                return row is null ? null : new ResolvedResource(row.WorkspaceId, ResourceTypes.Deployment, row.Id.ToString(CultureInfo.InvariantCulture));
            }

            case ResourceKind.WebhookId:
            {
                var row = await db.Webhooks.AsNoTracking().Where(w => w.Id == text).Select(w => new { w.WorkspaceId }).FirstOrDefaultAsync(cancellationToken);
                return row is null ? null : new ResolvedResource(row.WorkspaceId, ResourceTypes.Webhook, ResourceTypes.Any);
            }

            default:
                throw new InvalidOperationException($"No resolver for {locator.Kind}.");
        }
    }

    private async Task<Result<string?>> ReadAsync(HttpContext context, ResourceLocator locator)
    {
        switch (locator.Source)
        {
            case RequestValueSource.Route:
                return First(locator.Names, n => context.Request.RouteValues[n]?.ToString());
            case RequestValueSource.Query:
                return First(locator.Names, n => context.Request.Query[n].LastOrDefault());
            case RequestValueSource.QueryOrBody:
            case RequestValueSource.Body:
            {
                // The same reader and message shape the MLflow handlers use; the body stays available to them.
                var fields = await MlflowRequest.ReadAsync<AccessFields>(context, locator.MaxBodyBytes);
                return fields.IsSuccess ? First(locator.Names, fields.Value.Get) : fields.Error;
            }

            default:
                return (string?)null;
        }
    }

    private static string? First(string[] names, Func<string, string?> read)
    {
        foreach (var name in names)
        {
            if (read(name) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private async Task<ResolvedResource?> ExperimentAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.Experiments.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.WorkspaceId }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Experiment(row.WorkspaceId, id);
    }

    private static ResolvedResource Experiment(long workspaceId, long id) =>
        new(workspaceId, ResourceTypes.Experiment, id.ToString(CultureInfo.InvariantCulture));

    private static ResolvedResource Model(long workspaceId, long id) =>
        new(workspaceId, ResourceTypes.RegisteredModel, id.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// An artifact proxy path: its first segment is the experiment id (mlflow-rest.md §4.1), or <c>registry</c>
    /// followed by the registered model's id. The path is read from the raw target exactly as the handler reads it.
    /// </summary>
    private async Task<Result<ResolvedResource?>> ArtifactAsync(HttpContext context, CancellationToken cancellationToken)
    {
        string? raw;
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        var wildcard = pattern.IndexOf("{**", StringComparison.Ordinal);
        Result<string> key;
        if (wildcard >= 0)
        {
            var after = RawArtifactPath.After(context, pattern[..wildcard]);
            if (!after.IsSuccess)
            {
                return (ResolvedResource?)null;
            }

            raw = after.Value;
            key = ArtifactPath.Parse(raw);
        }
        else
        {
            var fields = await MlflowRequest.ReadAsync<AccessFields>(context);
            if (!fields.IsSuccess)
            {
                return fields.Error;
            }

            key = ArtifactPath.ParseDirectory(fields.Value.Path);
        }

        if (!key.IsSuccess)
        {
            return (ResolvedResource?)null;
        }

        var segments = key.Value.Split('/');
        if (key.Value.Length == 0)
        {
            return new ResolvedResource(Workspace.DefaultId, ResourceTypes.Any, ResourceTypes.Any) { IsRoot = true };
        }

        if (RegistryStorageKeys.IsRegistry(key.Value))
        {
            if (segments.Length < 2 || !long.TryParse(segments[1], NumberStyles.None, CultureInfo.InvariantCulture, out var modelId))
            {
                return new ResolvedResource(Workspace.DefaultId, ResourceTypes.Any, ResourceTypes.Any) { IsRoot = true };
            }

            var model = await db.RegisteredModels.AsNoTracking().Where(m => m.Id == modelId).Select(m => new { m.WorkspaceId }).FirstOrDefaultAsync(cancellationToken);
            return model is null ? null : Model(model.WorkspaceId, modelId) with { IsModelFiles = true };
        }

        if (!long.TryParse(segments[0], NumberStyles.None, CultureInfo.InvariantCulture, out var experimentId))
        {
            // Outside every experiment and the registry: no grant covers it, so only platform admins reach it.
            return new ResolvedResource(Workspace.DefaultId, ResourceTypes.Any, ResourceTypes.Any) { IsRoot = true };
        }

        var experiment = await ExperimentAsync(experimentId, cancellationToken);
        if (experiment is null)
        {
            return (ResolvedResource?)null;
        }

        // Model files: a logged model's artifacts, or any file of a directory that holds an MLmodel (a model logged
        // the MLflow 2 way under a run's artifacts). Only downloads of single files ask.
        var isModel = segments.Length > 1 && segments[1] == "models";
        if (!isModel && wildcard >= 0 && HttpMethods.IsGet(context.Request.Method))
        {
            var descriptors = Enumerable.Range(1, segments.Length - 1)
                .Select(n => string.Join('/', segments.Take(n)) + "/MLmodel")
                .ToList();
            isModel = await db.ArtifactFiles.AsNoTracking().AnyAsync(f => descriptors.Contains(f.Path), cancellationToken);
        }

        return experiment with { IsModelFiles = isModel };
    }
}

/// <summary>The request fields that name resources, read with the MLflow message rules.</summary>
public sealed record AccessFields(string? ExperimentId, string? ExperimentName, string? RunId, string? RunUuid, string? Name, string? ModelId, string? Path)
{
    public string? Get(string field) => field switch
    {
        "experiment_id" => ExperimentId,
        "experiment_name" => ExperimentName,
        "run_id" => RunId,
        "run_uuid" => RunUuid,
        "name" => Name,
        "model_id" => ModelId,
        "path" => Path,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a resource field."),
    };
}
