using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Mlflow.Messages;
using Slipway.Core.Tracking.LoggedModels;
using Slipway.Core.Tracking.Search;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>The logged-model RPCs of MLflow 3 (mlflow-rest.md §2.4). Path parameters win over body copies.</summary>
internal static class MlflowLoggedModelEndpoints
{
    public static void MapMlflowLoggedModels(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "logged-models", "CreateLoggedModel", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id"), Permission.Edit), CreateAsync);
        app.MapRpc(Get, "logged-models/{modelId}", "GetLoggedModel", AccessRule.On(ResourceLocator.LoggedModel(RequestValueSource.Route, "modelId"), Permission.Read), GetAsync);
        app.MapRpc(Patch, "logged-models/{modelId}", "FinalizeLoggedModel", AccessRule.On(ResourceLocator.LoggedModel(RequestValueSource.Route, "modelId"), Permission.Edit), FinalizeAsync);
        app.MapRpc(Delete, "logged-models/{modelId}", "DeleteLoggedModel", AccessRule.On(ResourceLocator.LoggedModel(RequestValueSource.Route, "modelId"), Permission.Manage), DeleteAsync);
        app.MapRpc(Patch, "logged-models/{modelId}/tags", "SetLoggedModelTags", AccessRule.On(ResourceLocator.LoggedModel(RequestValueSource.Route, "modelId"), Permission.Edit), SetTagsAsync);
        app.MapRpc(Delete, "logged-models/{modelId}/tags/{tagKey}", "DeleteLoggedModelTag", AccessRule.On(ResourceLocator.LoggedModel(RequestValueSource.Route, "modelId"), Permission.Edit), DeleteTagAsync);
        app.MapRpc(Post, "logged-models/{modelId}/params", "LogLoggedModelParams", AccessRule.On(ResourceLocator.LoggedModel(RequestValueSource.Route, "modelId"), Permission.Edit), LogParamsAsync);
        app.MapRpc(Post, "logged-models/search", "SearchLoggedModels", AccessRule.Filtered(ResourceTypes.Experiment), SearchAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CreateLoggedModel handler)
    {
        var request = await MlflowRequest.ReadAsync<CreateLoggedModelRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var result = await handler.HandleAsync(
            new CreateLoggedModelCommand(r.ExperimentId, r.Name, r.ModelType, r.SourceRunId, TrackingShapes.KeyValues(r.Params), TrackingShapes.KeyValues(r.Tags)),
            context.RequestAborted);
        return MlflowResults.From(result, v => new { model = LoggedModelShapes.Model(v) });
    }

    private static async Task<IResult> GetAsync(string modelId, HttpContext context, LoggedModelLoader loader)
    {
        var view = await loader.LoadActiveAsync(modelId, context.RequestAborted);
        return view is null ? MlflowResults.Error(UpdateLoggedModel.NotFound(modelId)) : MlflowResults.Ok(new { model = LoggedModelShapes.Model(view) });
    }

    private static async Task<IResult> FinalizeAsync(string modelId, HttpContext context, UpdateLoggedModel handler)
    {
        var request = await MlflowRequest.ReadAsync<FinalizeLoggedModelRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var result = await handler.FinalizeAsync(modelId, request.Value.Status, context.RequestAborted);
        return MlflowResults.From(result, v => new { model = LoggedModelShapes.Model(v) });
    }

    private static async Task<IResult> DeleteAsync(string modelId, HttpContext context, UpdateLoggedModel handler) =>
        MlflowResults.From(await handler.DeleteAsync(modelId, context.RequestAborted));

    private static async Task<IResult> SetTagsAsync(string modelId, HttpContext context, UpdateLoggedModel handler)
    {
        var request = await MlflowRequest.ReadAsync<LoggedModelTagsRequest>(context);
        return request.IsSuccess
            ? MlflowResults.From(await handler.SetTagsAsync(modelId, TrackingShapes.KeyValues(request.Value.Tags), context.RequestAborted))
            : MlflowResults.Error(request.Error);
    }

    private static async Task<IResult> DeleteTagAsync(string modelId, string tagKey, HttpContext context, UpdateLoggedModel handler) =>
        // Kestrel leaves %2F encoded in route values; tag keys may contain '/'.
        MlflowResults.From(await handler.DeleteTagAsync(modelId, Uri.UnescapeDataString(tagKey), context.RequestAborted));

    private static async Task<IResult> LogParamsAsync(string modelId, HttpContext context, UpdateLoggedModel handler)
    {
        var request = await MlflowRequest.ReadAsync<LoggedModelParamsRequest>(context);
        return request.IsSuccess
            ? MlflowResults.From(await handler.LogParamsAsync(modelId, TrackingShapes.KeyValues(request.Value.Params), context.RequestAborted))
            : MlflowResults.Error(request.Error);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, SearchLoggedModels handler)
    {
        var request = await MlflowRequest.ReadAsync<SearchLoggedModelsRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var query = new SearchLoggedModelsQuery(
            r.ExperimentIds ?? [],
            r.Filter,
            (r.Datasets ?? []).ConvertAll(d => new LoggedModelDataset(d.DatasetName ?? "", d.DatasetDigest)),
            (r.OrderBy ?? []).ConvertAll(o => new LoggedModelOrderBy(o.FieldName ?? "", o.Ascending ?? true, o.DatasetName, o.DatasetDigest)),
            r.MaxResults,
            r.PageToken);
        var result = await handler.HandleAsync(query, context.RequestAborted);
        return MlflowResults.From(result, page => new
        {
            models = page.Items.Select(LoggedModelShapes.Model).ToList().NullIfEmpty(),
            next_page_token = page.NextPageToken,
        });
    }
}
