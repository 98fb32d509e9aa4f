using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Mlflow.Messages;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Webhooks;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>
/// MLflow 3.3+'s webhook RPCs (<c>/mlflow/webhooks</c>). Webhook management needs MANAGE (governance.md §8.2).
/// Only MLflow's (entity, action) pairs are accepted and shown here; Slipway's own pairs are managed through
/// <c>/api/v1/webhooks</c> and survive an MLflow update of the event list.
/// </summary>
internal static class MlflowWebhookEndpoints
{
    public static void MapMlflowWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "webhooks", "CreateWebhook", AccessRule.InWorkspace(ResourceTypes.Webhook, Permission.Manage),
            (HttpContext c, CreateWebhook h) => Rpc<CreateWebhookRequest>(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(new CreateWebhookCommand(r.Name, r.Description, r.Url, Events(r.Events), r.Secret, r.Status, MlflowEventsOnly: true), ct), Body)));
        app.MapRpc(Get, "webhooks", "ListWebhooks", AccessRule.InWorkspace(ResourceTypes.Webhook, Permission.Manage),
            (HttpContext c, GetWebhooks h) => Rpc<ListWebhooksRequest>(c, async (r, ct) => MlflowResults.From(
                await h.ListAsync(r.MaxResults, r.PageToken, ct),
                page => new { webhooks = page.Items.Select(Shape).ToList().NullIfEmpty(), next_page_token = page.NextPageToken })));
        app.MapRpc(Get, "webhooks/{webhook_id}", "GetWebhook", AccessRule.On(ResourceLocator.Webhook(RequestValueSource.Route, "webhook_id"), Permission.Manage),
            (HttpContext c, string webhook_id, GetWebhooks h) => Rpc<EmptyRequest>(c, async (_, ct) => MlflowResults.From(await h.GetAsync(webhook_id, ct), Body)));
        app.MapRpc(Patch, "webhooks/{webhook_id}", "UpdateWebhook", AccessRule.On(ResourceLocator.Webhook(RequestValueSource.Route, "webhook_id"), Permission.Manage),
            (HttpContext c, string webhook_id, UpdateWebhook h) => Rpc<UpdateWebhookRequest>(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(new UpdateWebhookCommand(webhook_id, r.Name, r.Description, r.Url, Events(r.Events), r.Secret, r.Status, MlflowEventsOnly: true), ct), Body)));
        app.MapRpc(Delete, "webhooks/{webhook_id}", "DeleteWebhook", AccessRule.On(ResourceLocator.Webhook(RequestValueSource.Route, "webhook_id"), Permission.Manage),
            (HttpContext c, string webhook_id, DeleteWebhook h) => Rpc<EmptyRequest>(c, async (_, ct) => MlflowResults.From(await h.HandleAsync(webhook_id, ct))));
        app.MapRpc(Post, "webhooks/{webhook_id}/test", "TestWebhook", AccessRule.On(ResourceLocator.Webhook(RequestValueSource.Route, "webhook_id"), Permission.Manage),
            (HttpContext c, string webhook_id, TestWebhook h) => Rpc<TestWebhookRequest>(c, async (r, ct) => MlflowResults.From(
                await h.HandleAsync(webhook_id, r.Event is { } e ? (e.Entity, e.Action) : null, ct),
                result => new { result = new WebhookTestResultJson(result.Success, result.ResponseStatus, result.ErrorMessage) })));
    }

    private static List<(string? Entity, string? Action)>? Events(List<WebhookEventJson>? events) =>
        events?.ConvertAll(e => (e.Entity, e.Action));

    private static object Body(Webhook webhook) => new { webhook = Shape(webhook) };

    private static WebhookJson Shape(Webhook webhook) => new(
        webhook.Id,
        webhook.Name,
        webhook.Description.Length == 0 ? null : webhook.Description,
        webhook.Url,
        WebhookEventTypes.Deserialize(webhook.Events).Where(WebhookEventTypes.IsMlflow).Select(e => new WebhookEventJson(e.Entity, e.Action)).ToList(),
        webhook.Status,
        webhook.CreationTimestamp,
        webhook.LastUpdatedTimestamp);

    private static async Task<IResult> Rpc<TRequest>(HttpContext context, Func<TRequest, CancellationToken, Task<IResult>> call)
        where TRequest : class
    {
        var request = await MlflowRequest.ReadAsync<TRequest>(context);
        return request.IsSuccess ? await call(request.Value, context.RequestAborted) : MlflowResults.Error(request.Error);
    }
}
