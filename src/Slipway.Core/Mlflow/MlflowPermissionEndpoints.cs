using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Mlflow.Messages;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>
/// MLflow's auth-app permission RPCs for experiments and registered models, over Slipway's grant store
/// (governance.md §8.1). Create and get answer the permission; update and delete answer <c>{}</c>, as MLflow does.
/// Each needs MANAGE on the experiment or registered model.
/// </summary>
internal static class MlflowPermissionEndpoints
{
    private static readonly AccessRule OnExperiment = AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Manage);

    private static readonly AccessRule OnRegisteredModel = AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Manage);

    public static void MapMlflowPermissions(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "experiments/permissions/create", "CreateExperimentPermission", OnExperiment,
            (HttpContext c, ResourcePermissions h) => Rpc<ExperimentPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.WriteAsync(p, await h.ExperimentAsync(r.ExperimentId, ct), r.Username, r.Permission, GrantWrite.CreateOnly, ct), ExperimentBody)));
        app.MapRpc(Get, "experiments/permissions/get", "GetExperimentPermission", OnExperiment,
            (HttpContext c, ResourcePermissions h) => Rpc<ExperimentPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.GetAsync(p, await h.ExperimentAsync(r.ExperimentId, ct), r.Username, ct), ExperimentBody)));
        app.MapRpc(Patch, "experiments/permissions/update", "UpdateExperimentPermission", OnExperiment,
            (HttpContext c, ResourcePermissions h) => Rpc<ExperimentPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.WriteAsync(p, await h.ExperimentAsync(r.ExperimentId, ct), r.Username, r.Permission, GrantWrite.UpdateOnly, ct), Empty)));
        app.MapRpc(Delete, "experiments/permissions/delete", "DeleteExperimentPermission", OnExperiment,
            (HttpContext c, ResourcePermissions h) => Rpc<ExperimentPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.DeleteAsync(p, await h.ExperimentAsync(r.ExperimentId, ct), r.Username, ct), Empty)));

        app.MapRpc(Post, "registered-models/permissions/create", "CreateRegisteredModelPermission", OnRegisteredModel,
            (HttpContext c, ResourcePermissions h) => Rpc<RegisteredModelPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.WriteAsync(p, await h.RegisteredModelAsync(r.Name, ct), r.Username, r.Permission, GrantWrite.CreateOnly, ct), ModelBody)));
        app.MapRpc(Get, "registered-models/permissions/get", "GetRegisteredModelPermission", OnRegisteredModel,
            (HttpContext c, ResourcePermissions h) => Rpc<RegisteredModelPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.GetAsync(p, await h.RegisteredModelAsync(r.Name, ct), r.Username, ct), ModelBody)));
        app.MapRpc(Patch, "registered-models/permissions/update", "UpdateRegisteredModelPermission", OnRegisteredModel,
            (HttpContext c, ResourcePermissions h) => Rpc<RegisteredModelPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.WriteAsync(p, await h.RegisteredModelAsync(r.Name, ct), r.Username, r.Permission, GrantWrite.UpdateOnly, ct), Empty)));
        app.MapRpc(Delete, "registered-models/permissions/delete", "DeleteRegisteredModelPermission", OnRegisteredModel,
            (HttpContext c, ResourcePermissions h) => Rpc<RegisteredModelPermissionRequest>(c, async (r, p, ct) =>
                MlflowResults.From(await h.DeleteAsync(p, await h.RegisteredModelAsync(r.Name, ct), r.Username, ct), Empty)));
    }

    private static object ExperimentBody(ResourcePermission p) =>
        new { experiment_permission = new ExperimentPermissionJson(p.Target.ResourceId, p.User.Id, p.Permission) };

    private static object ModelBody(ResourcePermission p) =>
        new { registered_model_permission = new RegisteredModelPermissionJson(p.Target.Name, p.User.Id, p.Permission) };

    private static object Empty(ResourcePermission _) => new { };

    private static async Task<IResult> Rpc<TRequest>(HttpContext context, Func<TRequest, SlipwayPrincipal, CancellationToken, Task<IResult>> call)
        where TRequest : class
    {
        var request = await MlflowRequest.ReadAsync<TRequest>(context);
        return request.IsSuccess
            ? await call(request.Value, context.Features.Get<SlipwayPrincipal>()!, context.RequestAborted)
            : MlflowResults.Error(request.Error);
    }
}
