using System.Net;
using System.Text.Json;
using Slipway.Tests;
using static Slipway.Core.Tests.Governance.Audit.AuditTestSupport;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>Changes, token operations and refusals are audit events, written with the change or not at all (governance.md §8.4, §8.7).</summary>
public sealed class AuditTrailTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Registry_changes_token_changes_and_refusals_are_chained_audit_events_without_secrets(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        await api.OkAsync("registered-models/create", new { name = "fraud" });
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId);
        await api.OkAsync("model-versions/create", new { name = "fraud", source = $"runs:/{runId}/model", run_id = runId });
        await api.OkAsync("registered-models/alias", new { name = "fraud", alias = "champion", version = "1" });

        var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "ci" });
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync("api/v1/tokens/ci")).StatusCode);
        using var revoked = server.CreateClient(secret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("api/v1/tokens")).StatusCode);
        using var anonymous = server.CreateClient(token: null);
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("audit-test/1.0");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);

        var events = await EventsAsync(server.Client);
        var actions = events.Select(e => e.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(
            [Bootstrap, "registered_model.created", "run.create", "artifact.upload", "artifact.upload", "model_version.created", "registered_model.alias.created", "api_token.create", "api_token.revoke", "request.unauthenticated", "request.unauthenticated"],
            actions);
        Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.All(events, e => Assert.Equal("slipway.audit/1", e.GetProperty("schema").GetString()));

        var alias = events[6];
        Assert.Equal("admin", alias.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal("fraud", alias.GetProperty("resource").GetProperty("name").GetString());
        Assert.Equal("1", alias.GetProperty("resource").GetProperty("version").GetString());
        Assert.Equal("POST", alias.GetProperty("request").GetProperty("method").GetString());
        Assert.Equal("mlflow", alias.GetProperty("request").GetProperty("api").GetString());
        Assert.Equal("127.0.0.1", alias.GetProperty("source").GetProperty("ip").GetString());
        Assert.Equal(events[5].GetProperty("hash").GetString(), alias.GetProperty("prev_hash").GetString());

        Assert.Equal("ci", events[7].GetProperty("resource").GetProperty("name").GetString());
        var denied = events[10];
        Assert.Equal(("denied", 401), (denied.GetProperty("outcome").GetString(), denied.GetProperty("status").GetInt32()));
        Assert.Equal("anonymous", denied.GetProperty("actor").GetProperty("type").GetString());
        Assert.Equal("audit-test/1.0", denied.GetProperty("source").GetProperty("user_agent").GetString());

        var everything = string.Join('\n', events.Select(e => e.GetRawText()));
        Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[..20], everything, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminToken, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs, line => line.Contains(secret, StringComparison.Ordinal) || line.Contains(server.AdminToken, StringComparison.Ordinal));

        var verification = await VerifyAsync(server.Client);
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.GetRawText());
        Assert.Equal(11, verification.GetProperty("events").GetInt64());

        var page = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/audit/events?limit=2&after_seq=1");
        Assert.Equal([2L, 3L], page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal(3, page.GetProperty("next_after_seq").GetInt64());
        var filtered = await EventsAsync(server.Client, "&action=api_token.revoke");
        Assert.Equal(9, Assert.Single(filtered).GetProperty("seq").GetInt64());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_failing_audit_insert_fails_the_registry_change_and_leaves_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        await CreateModelsAsync(server, 1, "before");
        await ExecuteSqlAsync(server, provider == Provider.Sqlite
            ? "CREATE TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END;"
            : """
              CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER audit_down BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_down();
              """);

        var api = new MlflowApi(server.Client);
        var (status, _) = await api.PostAsync("registered-models/create", new { name = "lost" });
        Assert.False((int)status is >= 200 and < 300, $"expected a failure, got {status}");
        var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "lost-token" });
        Assert.False(created.IsSuccessStatusCode);

        await ExecuteSqlAsync(server, "DROP TRIGGER audit_down" + (provider == Provider.Sqlite ? string.Empty : " ON audit_events"));
        var (missing, _) = await api.GetAsync("registered-models/get?name=lost");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.DoesNotContain("lost-token", await server.Client.GetStringAsync("api/v1/tokens"), StringComparison.Ordinal);
        var registry = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/events");
        Assert.Single(registry.GetProperty("items").EnumerateArray());

        await CreateModelsAsync(server, 1, "after");
        var events = await EventsAsync(server.Client);
        Assert.Equal([Bootstrap, "registered_model.created", "registered_model.created"], events.Select(e => e.GetProperty("action").GetString()!));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.True((await VerifyAsync(server.Client)).GetProperty("ok").GetBoolean());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Concurrent_changes_append_one_gap_free_chain(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => api.OkAsync("registered-models/create", new { name = $"parallel-{i}" })));

        var events = await EventsAsync(server.Client);
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
        var verification = await VerifyAsync(server.Client);
        Assert.True(verification.GetProperty("ok").GetBoolean(), verification.GetRawText());
    }
}
