using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Lifecycle;

/// <summary>"Which version was champion on a given date, who moved the alias, from which run and data" is one call.</summary>
public sealed class AliasHistoryAtTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_alias_at_an_instant_names_the_version_who_moved_it_and_its_run_and_data(Provider provider)
    {
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var server = await SlipwayTestServer.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var api = new MlflowApi(server.Client);
        await api.OkAsync("registered-models/create", new { name = "fraud" });
        var runs = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var runId = await api.CreateRunAsync();
            runs.Add(runId);
            await api.OkAsync("runs/log-inputs", new
            {
                run_id = runId,
                datasets = new[] { new { dataset = new { name = "train", digest = $"sha-{i}", source_type = "local", source = "{}" } } },
            });
            await api.LogModelFilesAsync(runId);
            await api.OkAsync("model-versions/create", new { name = "fraud", source = $"runs:/{runId}/model", run_id = runId });
        }

        // champion: v1 on 10 Oct, v2 on 20 Oct, deleted on 25 Oct, v3 on 1 Nov.
        async Task AtAsync(DateTimeOffset when, Func<Task> change)
        {
            clock.SetUtcNow(when);
            await change();
        }

        await AtAsync(new(2026, 10, 10, 0, 0, 0, TimeSpan.Zero), () => api.OkAsync("registered-models/alias", new { name = "fraud", alias = "champion", version = "1" }));
        await AtAsync(new(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), () => api.OkAsync("registered-models/alias", new { name = "fraud", alias = "champion", version = "2" }));
        await AtAsync(new(2026, 10, 25, 0, 0, 0, TimeSpan.Zero), async () =>
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/registered-models/alias") { Content = JsonContent.Create(new { name = "fraud", alias = "champion" }) })).Status));
        await AtAsync(new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), () => api.OkAsync("registered-models/alias", new { name = "fraud", alias = "champion", version = "3" }));

        async Task<JsonElement> At(string at) => await server.Client.GetFromJsonAsync<JsonElement>($"api/v1/models/fraud/aliases/champion/history?at={Uri.EscapeDataString(at)}");

        Assert.Null(VersionOf(await At("2026-10-05T00:00:00Z")));
        var first = await At("2026-10-15T12:00:00Z");
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("admin", first.GetProperty("set_by").GetString());
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), first.GetProperty("set_at").GetInt64());
        var provenance = first.GetProperty("provenance");
        Assert.Equal(runs[0], provenance.GetProperty("run_id").GetString());
        Assert.Equal("admin", provenance.GetProperty("created_by").GetString());
        Assert.Equal("sha-1", provenance.GetProperty("datasets")[0].GetProperty("digest").GetString());
        Assert.Equal("train", provenance.GetProperty("datasets")[0].GetProperty("name").GetString());

        // The exact instant of a move already sees it; epoch milliseconds work as well as ISO-8601.
        var moved = await At(new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((2, runs[1]), (moved.GetProperty("version").GetInt32(), moved.GetProperty("provenance").GetProperty("run_id").GetString()));
        var deleted = await At("2026-10-30T00:00:00Z");
        Assert.Null(VersionOf(deleted));
        Assert.Equal("admin", deleted.GetProperty("set_by").GetString());
        Assert.Equal(3, (await At("2026-11-01T00:00:00Z")).GetProperty("version").GetInt32());

        using var bad = await server.Client.GetAsync("api/v1/models/fraud/aliases/champion/history?at=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var unknown = await server.Client.GetAsync("api/v1/models/nope/aliases/champion/history?at=0");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static int? VersionOf(JsonElement answer) =>
        answer.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
