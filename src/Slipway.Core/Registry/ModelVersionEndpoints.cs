using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Tracking;
using static Slipway.Core.Registry.RegistryEndpoints;

namespace Slipway.Core.Registry;

/// <summary>
/// /api/v1/models/{name}/versions: list, register from a run or logged model, get (with file digests), update,
/// delete, stage and tags. Uploads, verification and lifecycle routes live with their own use cases.
/// </summary>
public static class ModelVersionEndpoints
{
    public static RouteGroupBuilder MapModelVersions(this RouteGroupBuilder models)
    {
        var versions = models.MapGroup("/{name}/versions").WithTags("Model versions");
        versions.MapGet("", ListAsync).WithName("ListModelVersions").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        versions.MapPost("/register", RegisterAsync).WithName("RegisterModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        versions.MapGet("/{version}", GetAsync).WithName("GetModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        versions.MapPatch("/{version}", UpdateAsync).WithName("UpdateModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        versions.MapDelete("/{version}", DeleteAsync).WithName("DeleteModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Manage));
        versions.MapPost("/{version}/stage", SetStageAsync).WithName("SetModelVersionStage").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        versions.MapPut("/{version}/tags/{key}", SetTagAsync).WithName("SetModelVersionTag").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        versions.MapDelete("/{version}/tags/{key}", DeleteTagAsync).WithName("DeleteModelVersionTag").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        return models;
    }

    private static async Task<Results<Ok<Page<ModelVersionResponse>>, ProblemHttpResult>> ListAsync(
        string name, ListModelVersions handler, CancellationToken cancellationToken, int? limit = null, string? cursor = null)
    {
        var result = await handler.HandleAsync(Segment(name), limit, cursor, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<ModelVersionResponse>(result.Value.Items.Select(v => RegistryResponses.Version(v)).ToList(), result.Value.NextPageToken))
            : ProblemResults.Problem(result.Error);
    }

    /// <summary>Registers a version from files Slipway already holds: a run's artifact path, a logged model or another version.</summary>
    private static async Task<Results<Created<ModelVersionResponse>, ProblemHttpResult>> RegisterAsync(
        string name, RegisterModelVersionRequest request, CreateModelVersion handler, CancellationToken cancellationToken)
    {
        var tags = (request.Tags ?? new Dictionary<string, string>()).Select(t => new KeyValue(t.Key, t.Value)).ToList();
        var result = await handler.HandleAsync(
            new CreateModelVersionCommand(Segment(name), request.Source, request.RunId, null, request.Description, request.ModelId, tags), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(result.Value.Name)}/versions/{result.Value.Version.Version}", RegistryResponses.Version(result.Value))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> GetAsync(
        string name, string version, GetModelVersion handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), version, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryResponses.Version(result.Value.View, result.Value.Files)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> UpdateAsync(
        string name, string version, UpdateModelVersionRequest request, UpdateModelVersion handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), version, request.Description, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryResponses.Version(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, string version, DeleteModelVersion handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), version, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> SetStageAsync(
        string name, string version, SetStageRequest request, TransitionStage handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Segment(name), version, request.Stage, request.ArchiveExistingVersions, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(RegistryResponses.Version(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetTagAsync(
        string name, string version, string key, SetTagRequest request, ModelVersionTags handler, CancellationToken cancellationToken)
    {
        var result = await handler.SetAsync(Segment(name), version, Segment(key), request.Value, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTagAsync(
        string name, string version, string key, ModelVersionTags handler, CancellationToken cancellationToken)
    {
        var result = await handler.DeleteAsync(Segment(name), version, Segment(key), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }
}
