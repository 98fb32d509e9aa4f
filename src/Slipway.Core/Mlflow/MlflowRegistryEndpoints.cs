using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow.Messages;
using Slipway.Core.Registry;
using Slipway.Core.Tracking;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>The model registry RPCs of mlflow-rest.md §2.3: parse the wire shape, call the handler, write the reply.</summary>
internal static class MlflowRegistryEndpoints
{
    public static void MapMlflowRegistry(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "registered-models/create", "CreateRegisteredModel", AccessRule.InWorkspace(ResourceTypes.RegisteredModel, Permission.Use),
            (HttpContext c, CreateRegisteredModel h) => Rpc<CreateRegisteredModelRequest>(c, async (r, ct) =>
                MlflowResults.From(await h.HandleAsync(new CreateRegisteredModelCommand(r.Name, r.Description, TrackingShapes.KeyValues(r.Tags)), ct), ModelBody)));
        app.MapRpc(Get, "registered-models/get", "GetRegisteredModel", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Read),
            (HttpContext c, RegistryLoader h) => Rpc<RegisteredModelNameRequest>(c, async (r, ct) => MlflowResults.From(await h.ModelAsync(r.Name, ct), ModelBody)));
        app.MapRpc(Post, "registered-models/rename", "RenameRegisteredModel", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, RenameRegisteredModel h) => Rpc<RenameRegisteredModelRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, r.NewName, ct), ModelBody)));
        app.MapRpc(Patch, "registered-models/update", "UpdateRegisteredModel", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, UpdateRegisteredModel h) => Rpc<UpdateRegisteredModelRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, r.Description, ct), ModelBody)));
        app.MapRpc(Delete, "registered-models/delete", "DeleteRegisteredModel", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Manage),
            (HttpContext c, DeleteRegisteredModel h) => Rpc<RegisteredModelNameRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, ct))));
        app.MapRpc(Post, "registered-models/set-tag", "SetRegisteredModelTag", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, RegisteredModelTags h) => Rpc<RegisteredModelTagRequest>(c, async (r, ct) => MlflowResults.From(await h.SetAsync(r.Name, r.Key, r.Value, ct))));
        app.MapRpc(Delete, "registered-models/delete-tag", "DeleteRegisteredModelTag", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, RegisteredModelTags h) => Rpc<RegisteredModelTagRequest>(c, async (r, ct) => MlflowResults.From(await h.DeleteAsync(r.Name, r.Key, ct))));
        app.MapRpc(Post, "registered-models/alias", "SetRegisteredModelAlias", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, SetAlias h) => Rpc<RegisteredModelAliasRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, r.Alias, r.Version, ct))));
        app.MapRpc(Delete, "registered-models/alias", "DeleteRegisteredModelAlias", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, DeleteAlias h) => Rpc<RegisteredModelAliasRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, r.Alias, ct))));
        app.MapRpc(Get, "registered-models/alias", "GetModelVersionByAlias", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Read),
            (HttpContext c, GetVersionByAlias h) => Rpc<RegisteredModelAliasRequest>(c, async (r, ct) => MlflowResults.From(UnknownAliasIsInvalid(await h.HandleAsync(r.Name, r.Alias, ct)), VersionBody)));
        app.MapRpc(GetOrPost, "registered-models/get-latest-versions", "GetLatestVersions", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Read),
            (HttpContext c, GetLatestVersions h) => Rpc<GetLatestVersionsRequest>(c, async (r, ct) =>
                MlflowResults.From(await h.HandleAsync(r.Name, r.Stages ?? [], ct), vs => new { model_versions = vs.Select(RegistryShapes.Version).ToList().NullIfEmpty() })));
        app.MapRpc(GetOrPost, "registered-models/search", "SearchRegisteredModels", AccessRule.Filtered(ResourceTypes.RegisteredModel),
            (HttpContext c, SearchRegisteredModels h) => Rpc<SearchRegistryRequest>(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(new SearchRegisteredModelsQuery(r.Filter, r.OrderBy ?? [], r.MaxResults, r.PageToken), ct),
                page => new { registered_models = page.Items.Select(RegistryShapes.Model).ToList().NullIfEmpty(), next_page_token = page.NextPageToken })));

        app.MapRpc(Post, "model-versions/create", "CreateModelVersion", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, CreateModelVersion h) => Rpc<CreateModelVersionRequest>(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(new CreateModelVersionCommand(r.Name, r.Source, r.RunId, r.RunLink, r.Description, r.ModelId, TrackingShapes.KeyValues(r.Tags)), ct),
                VersionBody)));
        app.MapRpc(Get, "model-versions/get", "GetModelVersion", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Read),
            (HttpContext c, RegistryLoader h) => Rpc<ModelVersionRequest>(c, async (r, ct) => MlflowResults.From(await h.VersionAsync(r.Name, r.Version, ct), VersionBody)));
        app.MapRpc(Patch, "model-versions/update", "UpdateModelVersion", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, UpdateModelVersion h) => Rpc<ModelVersionRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, r.Version, r.Description, ct), VersionBody)));
        app.MapRpc(Delete, "model-versions/delete", "DeleteModelVersion", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Manage),
            (HttpContext c, DeleteModelVersion h) => Rpc<ModelVersionRequest>(c, async (r, ct) => MlflowResults.From(await h.HandleAsync(r.Name, r.Version, ct))));
        app.MapRpc(Post, "model-versions/set-tag", "SetModelVersionTag", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, ModelVersionTags h) => Rpc<ModelVersionTagRequest>(c, async (r, ct) => MlflowResults.From(await h.SetAsync(r.Name, r.Version, r.Key, r.Value, ct))));
        app.MapRpc(Delete, "model-versions/delete-tag", "DeleteModelVersionTag", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, ModelVersionTags h) => Rpc<ModelVersionTagRequest>(c, async (r, ct) => MlflowResults.From(await h.DeleteAsync(r.Name, r.Version, r.Key, ct))));
        app.MapRpc(Post, "model-versions/transition-stage", "TransitionModelVersionStage", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Edit),
            (HttpContext c, TransitionStage h) => Rpc<TransitionStageRequest>(c, async (r, ct) =>
                MlflowResults.From(await h.HandleAsync(r.Name, r.Version, r.Stage, r.ArchiveExistingVersions ?? false, ct), VersionBody)));
        app.MapRpc(Get, "model-versions/get-download-uri", "GetModelVersionDownloadUri", AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.QueryOrBody, "name"), Permission.Read),
            (HttpContext c, RegistryLoader h) => Rpc<ModelVersionRequest>(c, async (r, ct) =>
                MlflowResults.From(await h.VersionAsync(r.Name, r.Version, ct), v => new { artifact_uri = v.Version.StorageLocation })));
        app.MapRpc(GetOrPost, "model-versions/search", "SearchModelVersions", AccessRule.Filtered(ResourceTypes.RegisteredModel),
            (HttpContext c, SearchModelVersions h) => Rpc<SearchRegistryRequest>(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(new SearchModelVersionsQuery(r.Filter, r.OrderBy ?? [], r.MaxResults, r.PageToken), ct),
                page => new { model_versions = page.Items.Select(RegistryShapes.Version).ToList().NullIfEmpty(), next_page_token = page.NextPageToken })));
    }

    /// <summary>MLflow answers an unknown alias with 400 INVALID_PARAMETER_VALUE, not 404 (mlflow-rest.md §1.5).</summary>
    private static Result<ModelVersionView> UnknownAliasIsInvalid(Result<ModelVersionView> result) =>
        result.IsSuccess || result.Error.Code != RegistryRules.AliasNotFoundCode ? result : Error.Invalid(result.Error.Message, "alias");

    private static object ModelBody(RegisteredModelView view) => new { registered_model = RegistryShapes.Model(view) };

    private static object VersionBody(ModelVersionView view) => new { model_version = RegistryShapes.Version(view) };

    private static async Task<IResult> Rpc<TRequest>(HttpContext context, Func<TRequest, CancellationToken, Task<IResult>> call)
        where TRequest : class
    {
        var request = await MlflowRequest.ReadAsync<TRequest>(context);
        return request.IsSuccess ? await call(request.Value, context.RequestAborted) : MlflowResults.Error(request.Error);
    }
}
