using System.Text.Json;
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
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Lifecycle.Retention;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// The native version lifecycle API under <c>/api/v1/models/{name}</c>: archive and restore, manual holds, the
/// retention policy and its runs, and the history of a model and its versions. Model names with '/' are sent
/// percent-encoded.
/// </summary>
public static class LifecycleEndpoints
{
    public static IEndpointRouteBuilder MapRegistryLifecycle(this IEndpointRouteBuilder app)
    {
        var model = app.MapGroup("/api/v1/models/{name}").WithTags("Model lifecycle");
        model.MapPost("/versions/{version}/archive", ArchiveAsync).WithName("ArchiveModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        model.MapPost("/versions/{version}/restore", RestoreAsync).WithName("RestoreModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        model.MapGet("/versions/{version}/holds", ListHoldsAsync).WithName("ListModelVersionHolds").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        model.MapPost("/versions/{version}/holds", AddHoldAsync).WithName("AddModelVersionHold").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        model.MapDelete("/versions/{version}/holds/{kind}/{reference}", RemoveHoldAsync).WithName("RemoveModelVersionHold").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit));
        model.MapGet("/versions/{version}/history", VersionHistoryAsync).WithName("GetModelVersionHistory").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        model.MapGet("/history", ModelHistoryAsync).WithName("GetModelHistory").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        model.MapGet("/aliases/{alias}/history", AliasAtAsync).WithName("GetModelAliasAt").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        model.MapGet("/retention", GetRetentionAsync).WithName("GetRetentionPolicy").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        model.MapPut("/retention", SetRetentionAsync).WithName("SetRetentionPolicy").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Manage));
        model.MapDelete("/retention", DeleteRetentionAsync).WithName("DeleteRetentionPolicy").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Manage));
        model.MapPost("/retention/run", RunRetentionAsync).WithName("RunRetentionPolicy").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Manage));
        return app;
    }

    private static async Task<Results<Ok<VersionLifecycleResponse>, ProblemHttpResult>> ArchiveAsync(
        string name, string version, ArchiveVersion handler, CancellationToken cancellationToken, [FromBody] ArchiveVersionRequest? request = null)
    {
        var modelName = Decode(name);
        return ToResponse(modelName, await handler.HandleAsync(modelName, version, request?.Reason, cancellationToken));
    }

    private static async Task<Results<Ok<VersionLifecycleResponse>, ProblemHttpResult>> RestoreAsync(
        string name, string version, RestoreVersion handler, CancellationToken cancellationToken)
    {
        var modelName = Decode(name);
        return ToResponse(modelName, await handler.HandleAsync(modelName, version, cancellationToken));
    }

    private static async Task<Results<Ok<List<HoldResponse>>, ProblemHttpResult>> ListHoldsAsync(
        string name, string version, VersionHolds holds, CancellationToken cancellationToken)
    {
        var result = await holds.ListAsync(Decode(name), version, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.ConvertAll(ToResponse)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Created<HoldResponse>, Ok<HoldResponse>, ProblemHttpResult>> AddHoldAsync(
        string name, string version, CreateHoldRequest request, VersionHolds holds, CancellationToken cancellationToken)
    {
        var result = await holds.AddAsync(Decode(name), version, HoldKinds.Manual, request.Reference, request.Reason, cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        var hold = ToResponse(result.Value.Hold);
        return result.Value.Created
            ? TypedResults.Created($"/api/v1/models/{name}/versions/{version}/holds/{hold.Kind}/{Uri.EscapeDataString(hold.Reference)}", hold)
            : TypedResults.Ok(hold);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveHoldAsync(
        string name, string version, string kind, string reference, VersionHolds holds, CancellationToken cancellationToken)
    {
        var holdReference = Uri.UnescapeDataString(reference);
        if (kind != HoldKinds.Manual)
        {
            return ProblemResults.Problem(LifecycleErrors.NotManual(kind, holdReference));
        }

        var result = await holds.RemoveAsync(Decode(name), version, kind, holdReference, cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        return result.Value
            ? TypedResults.NoContent()
            : ProblemResults.Problem(Error.NotFound($"Version {version} of model '{Decode(name)}' has no {kind} hold '{holdReference}'."));
    }

    private static async Task<Results<Ok<Page<RegistryEventResponse>>, ProblemHttpResult>> VersionHistoryAsync(
        string name, string version, RegistryHistory history, CancellationToken cancellationToken, int? limit = null, string? cursor = null) =>
        ToResponse(await history.VersionAsync(Decode(name), version, limit, cursor, cancellationToken));

    private static async Task<Results<Ok<Page<RegistryEventResponse>>, ProblemHttpResult>> ModelHistoryAsync(
        string name, RegistryHistory history, CancellationToken cancellationToken, int? limit = null, string? cursor = null) =>
        ToResponse(await history.ModelAsync(Decode(name), limit, cursor, cancellationToken));

    private static async Task<Results<Ok<AliasAtResponse>, ProblemHttpResult>> AliasAtAsync(
        string name, string alias, AliasHistoryAt handler, CancellationToken cancellationToken, [FromQuery] string? at = null)
    {
        var result = await handler.HandleAsync(Decode(name), alias, at, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RetentionPolicyResponse>, ProblemHttpResult>> GetRetentionAsync(
        string name, RetentionPolicies policies, CancellationToken cancellationToken)
    {
        var modelName = Decode(name);
        return ToResponse(modelName, await policies.GetAsync(modelName, cancellationToken));
    }

    private static async Task<Results<Ok<RetentionPolicyResponse>, ProblemHttpResult>> SetRetentionAsync(
        string name, RetentionPolicyRequest request, RetentionPolicies policies, CancellationToken cancellationToken)
    {
        var modelName = Decode(name);
        var command = new RetentionPolicyCommand(request.KeepNewest, request.ArchiveAfterDays, request.DeleteFilesAfterDays, request.Enabled);
        return ToResponse(modelName, await policies.SetAsync(modelName, command, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteRetentionAsync(string name, RetentionPolicies policies, CancellationToken cancellationToken)
    {
        var result = await policies.DeleteAsync(Decode(name), cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RetentionRunResponse>, ProblemHttpResult>> RunRetentionAsync(
        string name, RunRetention handler, CancellationToken cancellationToken, [FromQuery(Name = "dry_run")] bool dryRun = false)
    {
        var result = await handler.HandleAsync(Decode(name), dryRun, cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        var r = result.Value;
        return TypedResults.Ok(new RetentionRunResponse(r.Model, r.DryRun, r.At, Items(r.Archived), Items(r.FilesDeleted), Items(r.Protected), Items(r.Skipped)));
    }

    // Kestrel leaves %2F encoded in route values; registered model names may contain '/'.
    private static string Decode(string name) => Uri.UnescapeDataString(name);

    private static List<RetentionItemResponse> Items(IReadOnlyList<RetentionItem> items) => items.Select(i => new RetentionItemResponse(i.Version, i.Reason)).ToList();

    private static Results<Ok<VersionLifecycleResponse>, ProblemHttpResult> ToResponse(string name, Result<ModelVersion> result) =>
        result.IsSuccess
            ? TypedResults.Ok(new VersionLifecycleResponse(name, result.Value.Version, result.Value.CurrentStage, result.Value.ArchivedAt, result.Value.FilesDeletedAt))
            : ProblemResults.Problem(result.Error);

    private static Results<Ok<RetentionPolicyResponse>, ProblemHttpResult> ToResponse(string name, Result<RetentionPolicy> result) =>
        result.IsSuccess
            ? TypedResults.Ok(new RetentionPolicyResponse(
                name, result.Value.KeepNewest, result.Value.ArchiveAfterDays, result.Value.DeleteFilesAfterDays, result.Value.Enabled,
                result.Value.LastRunAt, result.Value.UpdatedAt, result.Value.UpdatedBy))
            : ProblemResults.Problem(result.Error);

    private static Results<Ok<Page<RegistryEventResponse>>, ProblemHttpResult> ToResponse(Result<HistoryPage> result) =>
        result.IsSuccess
            ? TypedResults.Ok(new Page<RegistryEventResponse>(result.Value.Items.Select(ToResponse).ToList(), result.Value.NextCursor))
            : ProblemResults.Problem(result.Error);

    private static RegistryEventResponse ToResponse(RegistryEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        return new RegistryEventResponse(e.Id, e.ModelName, e.Version, e.Entity, e.Action, e.Actor, e.Timestamp, data.RootElement.Clone());
    }

    private static HoldResponse ToResponse(VersionHold h) => new(h.Kind, h.Reference, h.Reason, h.CreatedBy, h.CreatedAt);
}
