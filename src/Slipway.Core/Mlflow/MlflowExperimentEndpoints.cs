using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Mlflow.Messages;
using Slipway.Core.Tracking;
using Slipway.Core.Tracking.Experiments;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>The experiment RPCs of mlflow-rest.md §2.1: parse the wire shape, call the handler, write the reply.</summary>
internal static class MlflowExperimentEndpoints
{
    public static void MapMlflowExperiments(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "experiments/create", "CreateExperiment", AccessRule.InWorkspace(ResourceTypes.Experiment, Permission.Use), CreateAsync);
        app.MapRpc(Get, "experiments/get", "GetExperiment", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Read), GetAsync);
        app.MapRpc(Get, "experiments/get-by-name", "GetExperimentByName", AccessRule.On(ResourceLocator.ExperimentName(RequestValueSource.QueryOrBody, "experiment_name"), Permission.Read), GetByNameAsync);
        app.MapRpc(GetOrPost, "experiments/search", "SearchExperiments", AccessRule.Filtered(ResourceTypes.Experiment), SearchAsync);
        app.MapRpc(Post, "experiments/update", "UpdateExperiment", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Edit), UpdateAsync);
        app.MapRpc(Post, "experiments/delete", "DeleteExperiment", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Manage), DeleteAsync);
        app.MapRpc(Post, "experiments/restore", "RestoreExperiment", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Manage), RestoreAsync);
        app.MapRpc(Post, "experiments/set-experiment-tag", "SetExperimentTag", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Edit), SetTagAsync);
        app.MapRpc(Post, "experiments/delete-experiment-tag", "DeleteExperimentTag", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Edit), DeleteTagAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CreateExperiment handler)
    {
        var request = await MlflowRequest.ReadAsync<CreateExperimentRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var result = await handler.HandleAsync(new CreateExperimentCommand(r.Name, r.ArtifactLocation, TrackingShapes.KeyValues(r.Tags)), context.RequestAborted);
        return MlflowResults.From(result, e => new { experiment_id = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private static async Task<IResult> GetAsync(HttpContext context, GetExperiment handler)
    {
        var request = await MlflowRequest.ReadAsync<ExperimentIdRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var id = TrackingValidation.ExperimentId(request.Value.ExperimentId);
        if (!id.IsSuccess)
        {
            return MlflowResults.Error(id.Error);
        }

        var result = await handler.ByIdAsync(id.Value, context.RequestAborted);
        return MlflowResults.From(result, e => new { experiment = TrackingShapes.Experiment(e) });
    }

    private static async Task<IResult> GetByNameAsync(HttpContext context, GetExperiment handler)
    {
        var request = await MlflowRequest.ReadAsync<GetExperimentByNameRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var result = await handler.ByNameAsync(request.Value.ExperimentName, context.RequestAborted);
        return MlflowResults.From(result, e => new { experiment = TrackingShapes.Experiment(e) });
    }

    private static async Task<IResult> SearchAsync(HttpContext context, SearchExperiments handler)
    {
        var request = await MlflowRequest.ReadAsync<SearchExperimentsRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var result = await handler.HandleAsync(new SearchExperimentsQuery(r.Filter, r.OrderBy ?? [], r.ViewType, r.MaxResults, r.PageToken), context.RequestAborted);
        return MlflowResults.From(result, page => new
        {
            experiments = page.Items.Select(TrackingShapes.Experiment).ToList().NullIfEmpty(),
            next_page_token = page.NextPageToken,
        });
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, UpdateExperiment handler)
    {
        var request = await MlflowRequest.ReadAsync<UpdateExperimentRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var id = TrackingValidation.ExperimentId(request.Value.ExperimentId);
        if (!id.IsSuccess)
        {
            return MlflowResults.Error(id.Error);
        }

        var result = await handler.HandleAsync(id.Value, request.Value.NewName, context.RequestAborted);
        return result.IsSuccess ? MlflowResults.Empty() : MlflowResults.Error(result.Error);
    }

    private static Task<IResult> DeleteAsync(HttpContext context, SetExperimentLifecycle handler) =>
        LifecycleAsync(context, (id, ct) => handler.DeleteAsync(id, ct));

    private static Task<IResult> RestoreAsync(HttpContext context, SetExperimentLifecycle handler) =>
        LifecycleAsync(context, (id, ct) => handler.RestoreAsync(id, ct));

    private static async Task<IResult> LifecycleAsync(HttpContext context, Func<long, CancellationToken, Task<Infrastructure.Results.Result<Infrastructure.Results.Unit>>> action)
    {
        var request = await MlflowRequest.ReadAsync<ExperimentIdRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var id = TrackingValidation.ExperimentId(request.Value.ExperimentId);
        return id.IsSuccess ? MlflowResults.From(await action(id.Value, context.RequestAborted)) : MlflowResults.Error(id.Error);
    }

    private static async Task<IResult> SetTagAsync(HttpContext context, ExperimentTags handler)
    {
        var request = await MlflowRequest.ReadAsync<ExperimentTagRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var id = TrackingValidation.ExperimentId(request.Value.ExperimentId);
        return id.IsSuccess
            ? MlflowResults.From(await handler.SetAsync(id.Value, request.Value.Key, request.Value.Value, context.RequestAborted))
            : MlflowResults.Error(id.Error);
    }

    private static async Task<IResult> DeleteTagAsync(HttpContext context, ExperimentTags handler)
    {
        var request = await MlflowRequest.ReadAsync<ExperimentTagRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var id = TrackingValidation.ExperimentId(request.Value.ExperimentId);
        return id.IsSuccess
            ? MlflowResults.From(await handler.DeleteAsync(id.Value, request.Value.Key, context.RequestAborted))
            : MlflowResults.Error(id.Error);
    }
}
