using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Events;

/// <summary>Every registry change is recorded in its own transaction: the feed holds exactly what committed.</summary>
public sealed class RegistryEventLogTests
{
    private static async Task<JsonElement[]> EventsAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>("api/v1/events" + query);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static string Kind(JsonElement e) => e.GetProperty("entity").GetString() + "." + e.GetProperty("action").GetString();

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Each_registry_change_is_recorded_once_with_what_changed(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        await api.OkAsync("registered-models/create", new { name = "m", tags = new[] { new { key = "k", value = "v" } } });
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId);
        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId });
        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model" });
        await api.OkAsync("model-versions/set-tag", new { name = "m", version = "1", key = "ok", value = "yes" });
        await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/model-versions/delete-tag") { Content = JsonContent.Create(new { name = "m", version = "1", key = "ok" }) });
        await api.OkAsync("registered-models/alias", new { name = "m", alias = "champion", version = "1" });
        await api.OkAsync("registered-models/alias", new { name = "m", alias = "champion", version = "2" });
        await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/registered-models/alias") { Content = JsonContent.Create(new { name = "m", alias = "champion" }) });
        await api.OkAsync("model-versions/transition-stage", new { name = "m", version = "1", stage = "Staging" });
        await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "api/2.0/mlflow/model-versions/update") { Content = JsonContent.Create(new { name = "m", version = "1", description = "better" }) });
        await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/model-versions/delete") { Content = JsonContent.Create(new { name = "m", version = "2" }) });
        await api.OkAsync("registered-models/set-tag", new { name = "m", key = "team", value = "risk" });
        await api.OkAsync("registered-models/rename", new { name = "m", new_name = "m2" });

        var events = await EventsAsync(server.Client);
        Assert.Equal(
            [
                "REGISTERED_MODEL.CREATED", "MODEL_VERSION.CREATED", "MODEL_VERSION.CREATED", "MODEL_VERSION_TAG.SET", "MODEL_VERSION_TAG.DELETED",
                "MODEL_VERSION_ALIAS.CREATED", "MODEL_VERSION_ALIAS.CREATED", "MODEL_VERSION_ALIAS.MOVED", "MODEL_VERSION_ALIAS.DELETED",
                "MODEL_VERSION.STAGE_CHANGED", "MODEL_VERSION.UPDATED", "MODEL_VERSION.DELETED", "REGISTERED_MODEL_TAG.SET", "REGISTERED_MODEL.RENAMED",
            ],
            events.Select(Kind));
        Assert.Equal("v", events[0].GetProperty("data").GetProperty("tags").GetProperty("k").GetString());
        var stage = events[9].GetProperty("data");
        Assert.Equal(("None", "Staging"), (stage.GetProperty("from").GetString(), stage.GetProperty("to").GetString()));
        var moved = events[7].GetProperty("data");
        Assert.Equal(("1", "2"), (moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        Assert.Equal("better", events[10].GetProperty("data").GetProperty("to").GetProperty("description").GetString());
        Assert.Equal("m2", events[13].GetProperty("data").GetProperty("to").GetString());
        Assert.All(events, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));

        var page = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/events?limit=5");
        var next = page.GetProperty("next_cursor").GetString();
        var rest = await EventsAsync(server.Client, $"?cursor={next}&entity=model_version&action=stage_changed");
        Assert.Equal(["MODEL_VERSION.STAGE_CHANGED"], rest.Select(Kind));
        // Version 2: created, aliased, alias moved to it, alias deleted from it, deleted.
        Assert.Equal(5, (await EventsAsync(server.Client, "?model=m&version=2")).Length);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_refused_change_records_nothing_and_a_failed_record_undoes_the_change(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        await api.OkAsync("registered-models/create", new { name = "m" });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", await api.PostAsync("registered-models/create", new { name = "m" }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("registered-models/alias", new { name = "m", alias = "a", version = "7" }));
        Assert.Single(await EventsAsync(server.Client));

        // The event insert fails for one model name: the model must not exist afterwards, since the model and its
        // event commit together or not at all.
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            if (provider == Provider.Postgres)
            {
                await db.Database.ExecuteSqlRawAsync("""
                    CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
                    CREATE TRIGGER refuse_boom BEFORE INSERT ON registry_events FOR EACH ROW WHEN (NEW.model_name = 'boom') EXECUTE FUNCTION refuse_boom();
                    """);
            }
            else
            {
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TRIGGER refuse_boom BEFORE INSERT ON registry_events WHEN NEW.model_name = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END;");
            }
        }

        var (status, _) = await api.PostAsync("registered-models/create", new { name = "boom" });
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("registered-models/get?name=boom"));
        Assert.Single(await EventsAsync(server.Client));
    }
}
