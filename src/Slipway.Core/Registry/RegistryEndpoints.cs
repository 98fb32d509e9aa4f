using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Registry.Catalog;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

/// <summary>
/// The native /api/v1 registry: registered models, their tags and aliases here; versions in
/// <see cref="ModelVersionEndpoints"/>; cards and catalog search in <see cref="CatalogEndpoints"/>. Thin adapters over
/// the handlers the MLflow API uses. Model names may hold '/', sent as %2F.
/// </summary>
public static class RegistryEndpoints
{
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapRegistry(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/v1/models").WithTags("Models");
        models.MapGet("", ListModelsAsync).WithName("ListModels").RequireAccess(AccessRule.Filtered(ResourceTypes.RegisteredModel));
        models.MapPost("", CreateModelAsync).WithName("CreateModel").RequireAccess(AccessRule.InWorkspace(ResourceTypes.RegisteredModel, Permission.Use));
        models.MapGet("/{name}", GetModelAsync).WithName("GetModel").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        models.MapPatch("/{name}", UpdateModelAsync).WithName("UpdateModel").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        models.MapDelete("/{name}", DeleteModelAsync).WithName("DeleteModel").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Manage));
        models.MapPut("/{name}/tags/{key}", SetTagAsync).WithName("SetModelTag").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        models.MapDelete("/{name}/tags/{key}", DeleteTagAsync).WithName("DeleteModelTag").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        models.MapGet("/{name}/aliases/{alias}", ResolveAliasAsync).WithName("ResolveModelAlias").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        models.MapPut("/{name}/aliases/{alias}", SetAliasAsync).WithName("SetModelAlias").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        models.MapDelete("/{name}/aliases/{alias}", DeleteAliasAsync).WithName("DeleteModelAlias").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        models.MapModelVersions();
        app.MapCatalog();
        return app;
    }

    /// <summary>Kestrel leaves %2F encoded in route values; names, keys and aliases are compared decoded.</summary>
    internal static string Segment(string value) => Uri.UnescapeDataString(value);

    private static async Task<Results<Ok<Page<RegisteredModelResponse>>, ProblemHttpResult>> ListModelsAsync(
        SearchRegisteredModels handler,
        CancellationToken cancellationToken,
        string? filter = null,
        [FromQuery(Name = "order_by")] string[]? orderBy = null,
        int? limit = null,
        string? cursor = null)
    {
        var result = await handler.HandleAsync(new SearchRegisteredModelsQuery(filter, orderBy ?? [], limit ?? DefaultLimit, cursor), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<RegisteredModelResponse>(result.Value.Items.Select(RegistryResponses.Model).ToList(), result.Value.NextPageToken))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Created<RegisteredModelResponse>, ProblemHttpResult>> CreateModelAsync(
        CreateRegisteredModelRequest request, CreateRegisteredModel handler, CancellationToken cancellationToken)
    {
        var tags = (request.Tags ?? new Dictionary<string, string>()).Select(t => new KeyValue(t.Key, t.Value)).ToList();
        var result = await handler.HandleAsync(new CreateRegisteredModelCommand(request.Name, request.Description, tags), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(result.Value.Model.Name)}", RegistryResponses.Model(result.Value))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RegisteredModelResponse>, ProblemHttpResult>> GetModelAsync(string name, RegistryLoader loader, CancellationToken cancellationToken)
    {
        var result = await loader.ModelAsync(Segment(name), cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryResponses.Model(result.Value)) : ProblemResults.Problem(result.Error);
    }

    /// <summary>Renames (when <c>name</c> differs) and/or sets the description; a rename comes first, so a taken name changes nothing.</summary>
    private static async Task<Results<Ok<RegisteredModelResponse>, ProblemHttpResult>> UpdateModelAsync(
        string name, UpdateRegisteredModelRequest request, RenameRegisteredModel rename, UpdateRegisteredModel update, CancellationToken cancellationToken)
    {
        var current = Segment(name);
        if (RegistryRules.Description(request.Description) is { } descriptionError)
        {
            // Checked before the rename, so a refused description changes nothing.
            return ProblemResults.Problem(descriptionError);
        }

        if (request.Name is not null && request.Name != current)
        {
            var renamed = await rename.HandleAsync(current, request.Name, cancellationToken);
            if (!renamed.IsSuccess)
            {
                return ProblemResults.Problem(renamed.Error);
            }

            current = request.Name;
        }

        var result = await update.HandleAsync(current, request.Description, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryResponses.Model(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteModelAsync(string name, DeleteRegisteredModel handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetTagAsync(
        string name, string key, SetTagRequest request, RegisteredModelTags handler, CancellationToken cancellationToken)
    {
        var result = await handler.SetAsync(Segment(name), Segment(key), request.Value, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTagAsync(string name, string key, RegisteredModelTags handler, CancellationToken cancellationToken)
    {
        var result = await handler.DeleteAsync(Segment(name), Segment(key), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> ResolveAliasAsync(
        string name, string alias, GetVersionByAlias handler, GetModelVersion versions, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), Segment(alias), cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        // The same view as GET …/versions/{v}, files and digests included.
        var version = await versions.HandleAsync(Segment(name), RegistryRules.Text(result.Value.Version.Version), cancellationToken);
        return version.IsSuccess ? TypedResults.Ok(RegistryResponses.Version(version.Value.View, version.Value.Files)) : ProblemResults.Problem(version.Error);
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> SetAliasAsync(
        string name, string alias, SetAliasRequest request, SetAlias handler, GetVersionByAlias resolve, CancellationToken cancellationToken)
    {
        var version = RegistryRules.Text(request.Version);
        var result = await handler.HandleAsync(Segment(name), Segment(alias), request.Version > 0 ? version : null, cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        var resolved = await resolve.HandleAsync(Segment(name), Segment(alias), cancellationToken);
        return resolved.IsSuccess ? TypedResults.Ok(RegistryResponses.Version(resolved.Value)) : ProblemResults.Problem(resolved.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAliasAsync(string name, string alias, DeleteAlias handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), Segment(alias), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }
}
