using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Slipway.Core.Tests.Registry.Webhooks;

/// <summary>
/// A webhook receiver on 127.0.0.1 (a real Kestrel): it keeps every request and answers with what
/// <see cref="Respond"/> returns for the request's index (0-based), which may wait as long as the test wants.
/// It accepts any path under <c>/hook</c>; a 3xx answer points its Location at <c>/hook/redirected</c>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SemaphoreSlim arrived = new(0);
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
    }

    public ConcurrentQueue<Request> Requests { get; } = new();

    public Func<int, Task<int>> Respond { get; set; } = _ => Task.FromResult(200);

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        async Task ReceiveAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var index = Interlocked.Increment(ref receiver.count) - 1;
            receiver.Requests.Enqueue(new Request(context.Request.Path, headers, body));
            receiver.arrived.Release();
            context.Response.StatusCode = await receiver.Respond(index);
            if (context.Response.StatusCode is >= 300 and < 400)
            {
                context.Response.Headers.Location = receiver.Url + "/redirected";
            }
        }

        app.MapPost("/hook", ReceiveAsync);
        app.MapPost("/hook/{**rest}", ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/hook";
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="total"/> requests arrived, failing after 30 s.</summary>
    public async Task<List<Request>> WaitForAsync(int total)
    {
        var clock = Stopwatch.StartNew();
        while (Requests.Count < total)
        {
            var left = TimeSpan.FromSeconds(30) - clock.Elapsed;
            Assert.True(left > TimeSpan.Zero && await arrived.WaitAsync(left), $"expected {total} webhook requests, got {Requests.Count}");
        }

        return [.. Requests];
    }

    /// <summary>Checks both signatures against a receiver-side computation of HMAC-SHA256 over "id.timestamp.body".</summary>
    public static void AssertSigned(Request request, byte[] mlflowKey, byte[] standardKey)
    {
        var id = request.Header("X-MLflow-Delivery-Id");
        var timestamp = request.Header("X-MLflow-Timestamp");
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, request.Header("webhook-id"));
        Assert.Equal(timestamp, request.Header("webhook-timestamp"));
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), 1_600_000_000L, 4_000_000_000L);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{request.Body}");
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(mlflowKey, signed)), request.Header("X-MLflow-Signature"));
        Assert.Equal("v1," + Convert.ToBase64String(HMACSHA256.HashData(standardKey, signed)), request.Header("webhook-signature"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        arrived.Dispose();
    }
}
