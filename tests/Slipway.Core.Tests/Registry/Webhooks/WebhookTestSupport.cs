using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Webhooks;

/// <summary>Settings and calls shared by the webhook tests.</summary>
internal static class WebhookTestSupport
{
    /// <summary>Loopback and plain http allowed (the receiver), and fast polling and backoff so tests do not wait.</summary>
    public static readonly Dictionary<string, string?> LoopbackSettings = new()
    {
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:BackoffBase"] = "00:00:00.050",
        ["Webhooks:Timeout"] = "00:00:30",
    };

    public static async Task<string> CreateMlflowWebhookAsync(MlflowApi api, string url, string? secret, params (string Entity, string Action)[] events)
    {
        var json = await api.OkAsync("webhooks", new { name = "hook", url, secret, events = events.Select(e => new { entity = e.Entity, action = e.Action }) });
        return json.GetProperty("webhook").GetProperty("webhook_id").GetString()!;
    }

    public static async Task<JsonElement[]> DeliveriesAsync(HttpClient client, string webhookId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"api/v1/webhooks/{webhookId}/deliveries");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Waits (30 s at most) until the delivery log satisfies <paramref name="done"/>, and returns it.</summary>
    public static async Task<JsonElement[]> WaitForDeliveriesAsync(HttpClient client, string webhookId, Func<JsonElement[], bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var deliveries = await DeliveriesAsync(client, webhookId);
            if (done(deliveries))
            {
                return deliveries;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "delivery log never got there: " + string.Join("\n", deliveries.Select(d => d.ToString())));
            await Task.Delay(25);
        }
    }

    /// <summary>A run with a small MLflow model logged under <c>model</c>, so <c>runs:/&lt;id&gt;/model</c> can be registered.</summary>
    public static async Task<string> CreateRunWithModelAsync(MlflowApi api)
    {
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId);
        return runId;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(MlflowApi api, HttpMethod method, string rpc, object? body = null) =>
        await api.SendAsync(new HttpRequestMessage(method, "api/2.0/mlflow/" + rpc) { Content = body is null ? null : JsonContent.Create(body) });
}
