using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;
using Slipway.Tests;
using static Slipway.Core.Tests.Registry.Webhooks.WebhookTestSupport;

namespace Slipway.Core.Tests.Registry.Webhooks;

/// <summary>The MLflow 3.3+ webhook RPCs and the native webhook API: wire shapes, errors, write-only secrets, SSRF checks.</summary>
public sealed class WebhookApiTests
{
    private const string Secret = "never-shown-8f2c";

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Webhooks_are_created_listed_updated_tested_and_deleted_in_MLflow_shapes_without_their_secret(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);

        var created = await api.OkAsync("webhooks", new
        {
            name = "ci",
            description = "kick CI",
            url = receiver.Url,
            secret = Secret,
            events = new[] { new { entity = "MODEL_VERSION", action = "CREATED" }, new { entity = "MODEL_VERSION_TAG", action = "SET" } },
        });
        var webhook = created.GetProperty("webhook");
        Assert.Equal(
            ["webhook_id", "name", "description", "url", "events", "status", "creation_timestamp", "last_updated_timestamp"],
            webhook.EnumerateObject().Select(p => p.Name));
        var id = webhook.GetProperty("webhook_id").GetString()!;
        Assert.Equal("ACTIVE", webhook.GetProperty("status").GetString());
        Assert.Equal("MODEL_VERSION", webhook.GetProperty("events")[0].GetProperty("entity").GetString());
        Assert.Equal("CREATED", webhook.GetProperty("events")[0].GetProperty("action").GetString());
        Assert.DoesNotContain(Secret, created.ToString(), StringComparison.Ordinal);

        await CreateMlflowWebhookAsync(api, receiver.Url, null, ("REGISTERED_MODEL", "CREATED"));
        var firstPage = await api.GetOkAsync("webhooks?max_results=1");
        Assert.Single(firstPage.GetProperty("webhooks").EnumerateArray());
        var token = firstPage.GetProperty("next_page_token").GetString();
        var secondPage = await api.GetOkAsync($"webhooks?max_results=1&page_token={Uri.EscapeDataString(token!)}");
        Assert.Single(secondPage.GetProperty("webhooks").EnumerateArray());
        Assert.False(secondPage.TryGetProperty("next_page_token", out _));
        Assert.DoesNotContain(Secret, firstPage.ToString() + secondPage, StringComparison.Ordinal);

        var (status, updated) = await SendAsync(api, HttpMethod.Patch, $"webhooks/{id}", new { status = "DISABLED", name = "ci-2", events = new[] { new { entity = "MODEL_VERSION_ALIAS", action = "DELETED" } } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("DISABLED", updated.GetProperty("webhook").GetProperty("status").GetString());
        Assert.Equal("ci-2", updated.GetProperty("webhook").GetProperty("name").GetString());
        Assert.Equal("kick CI", updated.GetProperty("webhook").GetProperty("description").GetString());
        Assert.Single(updated.GetProperty("webhook").GetProperty("events").EnumerateArray());

        using var ajax = await server.Client.GetAsync($"ajax-api/2.0/mlflow/webhooks/{id}");
        var fetched = await ajax.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ci-2", fetched.GetProperty("webhook").GetProperty("name").GetString());

        var test = await api.OkAsync($"webhooks/{id}/test", new { });
        Assert.True(test.GetProperty("result").GetProperty("success").GetBoolean());
        Assert.Equal(200, test.GetProperty("result").GetProperty("response_status").GetInt32());
        var sent = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("model_version_alias", sent.Json.GetProperty("entity").GetString());
        Assert.Equal("example_model", sent.Json.GetProperty("data").GetProperty("name").GetString());
        WebhookReceiver.AssertSigned(sent, System.Text.Encoding.UTF8.GetBytes(Secret), System.Text.Encoding.UTF8.GetBytes(Secret));

        var (deleteStatus, _) = await SendAsync(api, HttpMethod.Delete, $"webhooks/{id}");
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync($"webhooks/{id}"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await SendAsync(api, HttpMethod.Delete, $"webhooks/{id}"));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.9/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("http://93.184.216.34/hook")]
    [InlineData("https://user:pw@93.184.216.34/hook")]
    [InlineData("ftp://93.184.216.34/hook")]
    [InlineData("http://2130706433/")]
    [InlineData("https://2130706433/")]
    [InlineData("https://0177.0.0.1/")]
    [InlineData("https://0x7f.0.0.1/")]
    [InlineData("https://127.1/")]
    [InlineData("https://[64:ff9b::7f00:1]/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://[::127.0.0.1]/")]
    [InlineData("https://[::ffff:a9fe:a9fe]/")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://localhost./hook")]
    [InlineData("https://LOCALHOST/hook")]
    public async Task Private_or_unsafe_URLs_are_refused_without_the_allow_list_and_nothing_is_created(string url)
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var api = new MlflowApi(server.Client);

        var response = await api.PostAsync("webhooks", new { name = "evil", url, events = new[] { new { entity = "MODEL_VERSION", action = "CREATED" } } });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", response);

        using var native = await server.Client.PostAsJsonAsync("api/v1/webhooks", new { name = "evil", url, events = new[] { new { entity = "MODEL_VERSION", action = "CREATED" } } });
        Assert.Equal(HttpStatusCode.BadRequest, native.StatusCode);
        var problem = await native.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("url_not_allowed", problem.GetProperty("code").GetString());

        var list = await api.GetOkAsync("webhooks");
        Assert.False(list.TryGetProperty("webhooks", out _));
    }

    [Fact]
    public async Task A_stored_URL_whose_host_later_points_inward_is_refused_at_connect_time()
    {
        // Plain http allowed but no allow-list: the receiver on loopback is out of reach even for a webhook that
        // slipped in (as with DNS rebinding), since the connection itself checks the address.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?>(LoopbackSettings) { ["Webhooks:AllowedHosts:0"] = "" });
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            db.Webhooks.Add(new Webhook
            {
                Id = "rebound",
                WorkspaceId = Workspace.DefaultId,
                Name = "rebound",
                Url = receiver.Url,
                Events = "[{\"entity\":\"REGISTERED_MODEL\",\"action\":\"CREATED\"}]",
            });
            await db.SaveChangesAsync();
        }

        var api = new MlflowApi(server.Client);
        var test = await api.OkAsync("webhooks/rebound/test", new { });
        Assert.False(test.GetProperty("result").GetProperty("success").GetBoolean());
        Assert.Contains("Refused to connect", test.GetProperty("result").GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Event_pairs_are_validated_MLflow_accepting_only_its_own_and_the_native_API_also_Slipways()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        const string url = "http://127.0.0.1:9/hook";

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("webhooks", new { name = "x", url, events = new[] { new { entity = "MODEL_VERSION", action = "SET" } } }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("webhooks", new { name = "x", url, events = new[] { new { entity = "MODEL_VERSION", action = "STAGE_CHANGED" } } }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("webhooks", new { name = "x", url, events = Array.Empty<object>() }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("webhooks", new { url, events = new[] { new { entity = "MODEL_VERSION", action = "CREATED" } } }));

        using var native = await server.Client.PostAsJsonAsync("api/v1/webhooks", new
        {
            name = "both",
            url,
            events = new[] { new { entity = "MODEL_VERSION", action = "STAGE_CHANGED" }, new { entity = "MODEL_VERSION", action = "CREATED" } },
        });
        Assert.Equal(HttpStatusCode.Created, native.StatusCode);
        var id = (await native.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // MLflow shows only its own pairs, and an MLflow update of the list keeps Slipway's.
        var viaMlflow = await api.GetOkAsync($"webhooks/{id}");
        Assert.Single(viaMlflow.GetProperty("webhook").GetProperty("events").EnumerateArray());
        await SendAsync(api, HttpMethod.Patch, $"webhooks/{id}", new { events = new[] { new { entity = "REGISTERED_MODEL", action = "CREATED" } } });
        var viaNative = await server.Client.GetFromJsonAsync<JsonElement>($"api/v1/webhooks/{id}");
        Assert.Equal(
            ["REGISTERED_MODEL.CREATED", "MODEL_VERSION.STAGE_CHANGED"],
            viaNative.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("entity").GetString() + "." + e.GetProperty("action").GetString()));
        Assert.False(viaNative.GetProperty("has_secret").GetBoolean());

        using var missing = await server.Client.GetAsync("api/v1/webhooks/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var deleted = await server.Client.DeleteAsync($"api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task The_secret_is_stored_encrypted()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        var id = await CreateMlflowWebhookAsync(api, "http://127.0.0.1:9/hook", Secret, ("MODEL_VERSION", "CREATED"));
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var stored = db.Webhooks.Single(w => w.Id == id).ProtectedSecret;
        Assert.NotNull(stored);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs, l => l.Contains(Secret, StringComparison.Ordinal));
    }
}
