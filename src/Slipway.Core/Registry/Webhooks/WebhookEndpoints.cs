using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// The native webhook API (MANAGE, governance.md §8.2; SSRF rules §6.4), with the delivery log, and the registry event feed.
/// Unlike the MLflow API it accepts Slipway's own events too (MODEL_VERSION.STAGE_CHANGED, ...).
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhooks");
        var webhook = AccessRule.On(ResourceLocator.Webhook(RequestValueSource.Route, "id"), Permission.Manage);
        webhooks.MapGet("", ListAsync).WithName("ListWebhooks").RequireAccess(AccessRule.InWorkspace(ResourceTypes.Webhook, Permission.Manage));
        webhooks.MapPost("", CreateAsync).WithName("CreateWebhook").RequireAccess(AccessRule.InWorkspace(ResourceTypes.Webhook, Permission.Manage));
        webhooks.MapGet("/{id}", GetAsync).WithName("GetWebhook").RequireAccess(webhook);
        webhooks.MapPatch("/{id}", UpdateAsync).WithName("UpdateWebhook").RequireAccess(webhook);
        webhooks.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook").RequireAccess(webhook);
        webhooks.MapPost("/{id}/test", TestAsync).WithName("TestWebhook").RequireAccess(webhook);
        webhooks.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").RequireAccess(webhook);

        app.MapGet("/api/v1/events", EventsAsync).WithName("ListRegistryEvents").WithTags("Events").RequireAccess(AccessRule.Filtered(ResourceTypes.RegisteredModel));
        return app;
    }

    private static async Task<Results<Ok<Page<WebhookResponse>>, ProblemHttpResult>> ListAsync(
        GetWebhooks handler, CancellationToken cancellationToken, int? limit = null, string? cursor = null)
    {
        var result = await handler.ListAsync(limit, cursor, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<WebhookResponse>(result.Value.Items.ConvertAll(ToResponse), result.Value.NextPageToken))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Created<WebhookResponse>, ProblemHttpResult>> CreateAsync(
        CreateWebhookRequest request, CreateWebhook handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new CreateWebhookCommand(request.Name, request.Description, request.Url, Events(request.Events), request.Secret, request.Status, MlflowEventsOnly: false),
            cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/webhooks/{result.Value.Id}", ToResponse(result.Value))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> GetAsync(string id, GetWebhooks handler, CancellationToken cancellationToken)
    {
        var result = await handler.GetAsync(id, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<WebhookResponse>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateWebhookRequest request, UpdateWebhook handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(
            new UpdateWebhookCommand(id, request.Name, request.Description, request.Url, Events(request.Events), request.Secret, request.Status, MlflowEventsOnly: false),
            cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, DeleteWebhook handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<WebhookTestResponse>, ProblemHttpResult>> TestAsync(
        string id, TestWebhook handler, CancellationToken cancellationToken, string? entity = null, string? action = null)
    {
        var result = await handler.HandleAsync(id, entity is null && action is null ? null : (entity, action), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new WebhookTestResponse(result.Value.Success, result.Value.ResponseStatus, result.Value.ErrorMessage))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<Page<WebhookDeliveryResponse>>, ProblemHttpResult>> DeliveriesAsync(
        string id, ListDeliveries handler, CancellationToken cancellationToken, int? limit = null, string? cursor = null)
    {
        var result = await handler.HandleAsync(id, limit, cursor, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<WebhookDeliveryResponse>(result.Value.Items.ConvertAll(d => new WebhookDeliveryResponse(
                d.Id, d.WebhookId, d.EventId, d.Entity, d.Action, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.NextAttemptAt, d.CompletedAt, d.Payload)),
                result.Value.NextCursor))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<Page<RegistryEventResponse>>, ProblemHttpResult>> EventsAsync(
        ListRegistryEvents handler, CancellationToken cancellationToken,
        string? model = null, int? version = null, string? entity = null, string? action = null, string? cursor = null, int? limit = null)
    {
        var result = await handler.HandleAsync(new RegistryEventQuery(model, version, entity, action, cursor, limit), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<RegistryEventResponse>(result.Value.Items.ConvertAll(e => new RegistryEventResponse(
                e.Id, e.ModelName, e.Version, e.Entity, e.Action, e.Actor, e.Timestamp, JsonDocument.Parse(e.Data).RootElement.Clone())),
                result.Value.NextCursor))
            : ProblemResults.Problem(result.Error);
    }

    private static List<(string? Entity, string? Action)>? Events(IReadOnlyList<WebhookSubscription>? events) =>
        events?.Select(e => ((string?)e.Entity, (string?)e.Action)).ToList();

    internal static WebhookResponse ToResponse(Webhook w) => new(
        w.Id, w.Name, w.Description, w.Url,
        WebhookEventTypes.Deserialize(w.Events).ConvertAll(e => new WebhookSubscription(e.Entity, e.Action)),
        w.Status, w.ProtectedSecret is not null, w.CreationTimestamp, w.LastUpdatedTimestamp);
}
