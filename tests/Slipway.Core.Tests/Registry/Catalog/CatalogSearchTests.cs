using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Catalog;
using Slipway.Core.Registry.Events;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Catalog;

/// <summary>Catalog search over SQLite FTS5 and PostgreSQL full-text search, with filters and facets in SQL.</summary>
public sealed class CatalogSearchTests
{
    /// <summary>
    /// churn (2 versions, onnx and sklearn), churn-forecast (onnx, third-party), fraud (mlnet, mentions churn in its
    /// description), weather (no flavor).
    /// </summary>
    private static async Task<NativeApi> SeedAsync(SlipwayTestServer server)
    {
        var api = new NativeApi(server);
        await api.CreateModelAsync("churn", "Predicts customer churn each week.", new Dictionary<string, string> { ["team"] = "risk" });
        await api.RegisterFromRunAsync("churn", new Dictionary<string, double> { ["accuracy"] = 0.72, ["auc"] = 0.8 });
        await api.RegisterFromRunAsync("churn", new Dictionary<string, double> { ["accuracy"] = 0.86, ["auc"] = 0.9 }, "Gradient boosted trees.");
        await api.CreateModelAsync("churn-forecast", "Forecasts churn volume for capacity planning.", new Dictionary<string, string> { ["team"] = "ops" });
        await api.RegisterFromRunAsync("churn-forecast", new Dictionary<string, double> { ["accuracy"] = 0.91 });
        await api.CreateModelAsync("fraud", "Card fraud scoring; related to churn only by name in this text.", new Dictionary<string, string> { ["team"] = "risk" });
        await api.RegisterFromRunAsync("fraud", new Dictionary<string, double> { ["accuracy"] = 0.97 }, tags: new Dictionary<string, string> { ["pii"] = "yes" });
        await api.CreateModelAsync("weather", "Rain nowcasting.");
        await api.RegisterFromRunAsync("weather");
        await api.SetPackageAsync("churn", 1, "sklearn", "in_house");
        await api.SetPackageAsync("churn", 2, "onnx", "in_house");
        await api.SetPackageAsync("churn-forecast", 1, "onnx", "third_party");
        await api.SetPackageAsync("fraud", 1, "mlnet", "in_house");
        return api;
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Text_search_ranks_the_exact_name_first_then_by_relevance_and_reads_names_descriptions_tags_and_cards(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = await SeedAsync(server);

        var churn = NativeApi.Hits(await api.SearchAsync("q=churn")).ToList();
        Assert.Equal([("churn", 2), ("churn", 1)], churn.Take(2));
        Assert.Equal(4, churn.Count);
        Assert.Equal("fraud", churn[^1].Name);

        var prefix = await api.SearchAsync("q=nowc");
        var hit = Assert.Single(prefix.GetProperty("items").EnumerateArray());
        Assert.Equal("weather", hit.GetProperty("name").GetString());
        Assert.Equal("Rain nowcasting.", hit.GetProperty("snippet").GetString());

        Assert.Equal(["fraud"], NativeApi.Hits(await api.SearchAsync("q=pii")).Select(h => h.Name));
        Assert.Equal(["churn-forecast"], NativeApi.Hits(await api.SearchAsync("q=capacity%20planning")).Select(h => h.Name));
        Assert.Equal(("churn", 2), NativeApi.Hits(await api.SearchAsync("q=gradient")).Single());
        await api.OkAsync(HttpMethod.Patch, "models/weather/versions/1/card", new { intended_use = "Flood early warning." });
        Assert.Equal(["weather"], NativeApi.Hits(await api.SearchAsync("q=flood")).Select(h => h.Name));

        var first = await api.SearchAsync("q=churn&limit=3");
        Assert.Equal(4, first.GetProperty("total").GetInt64());
        var next = await api.SearchAsync("q=churn&limit=3&page_token=" + Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!));
        Assert.Equal(["fraud"], NativeApi.Hits(next).Select(h => h.Name));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value",
            await api.SendAsync(HttpMethod.Get, "catalog/search?q=fraud&limit=3&page_token=" + Uri.EscapeDataString(first.GetProperty("next_cursor").GetString()!)));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Tags_metric_thresholds_flavor_and_origin_filter_in_SQL_with_facets_over_every_match(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = await SeedAsync(server);
        await api.OkAsync(HttpMethod.Put, "models/churn/aliases/champion", new { version = 2 });

        var all = await api.SearchAsync("limit=1");
        Assert.Equal(5, all.GetProperty("total").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["onnx"] = 2, ["sklearn"] = 1, ["mlnet"] = 1, ["python_function"] = 1 }, NativeApi.Facet(all, "flavor"));
        Assert.Equal(new Dictionary<string, long> { ["in_house"] = 4, ["third_party"] = 1 }, NativeApi.Facet(all, "origin"));
        Assert.Equal(new Dictionary<string, long> { ["None"] = 5 }, NativeApi.Facet(all, "stage"));
        Assert.Equal(4, NativeApi.Facet(all, "tag")["team"]);
        Assert.Equal(1, NativeApi.Facet(all, "tag")["pii"]);

        var risk = await api.SearchAsync("tag=team:risk");
        Assert.Equal([("churn", 2), ("churn", 1), ("fraud", 1)], NativeApi.Hits(risk));
        Assert.Equal(new Dictionary<string, long> { ["risk"] = 3 }, NativeApi.Facet(risk, "tag:team"));
        Assert.Equal(["fraud"], NativeApi.Hits(await api.SearchAsync("tag=pii")).Select(h => h.Name));
        var teams = await api.SearchAsync("facet_tag=team");
        Assert.Equal(new Dictionary<string, long> { ["risk"] = 3, ["ops"] = 1 }, NativeApi.Facet(teams, "tag:team"));

        var good = await api.SearchAsync("metric=accuracy%3E%3D0.85");
        Assert.Equal([("churn", 2), ("churn-forecast", 1), ("fraud", 1)], NativeApi.Hits(good));
        var churn2 = good.GetProperty("items")[0];
        Assert.Equal(0.86, churn2.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(["champion"], churn2.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).ToArray());
        Assert.Equal("onnx", churn2.GetProperty("flavor").GetString());
        Assert.Equal(new Dictionary<string, long> { ["onnx"] = 2, ["mlnet"] = 1 }, NativeApi.Facet(good, "flavor"));
        Assert.Equal([("churn", 2)], NativeApi.Hits(await api.SearchAsync("metric=accuracy%3E%3D0.85&metric=auc%3E0.85")));
        Assert.Equal([("churn", 1)], NativeApi.Hits(await api.SearchAsync("metric=accuracy%3C0.8")));

        Assert.Equal([("churn", 2), ("churn-forecast", 1)], NativeApi.Hits(await api.SearchAsync("flavor=onnx")));
        var thirdParty = await api.SearchAsync("origin=third_party&q=churn");
        Assert.Equal([("churn-forecast", 1)], NativeApi.Hits(thirdParty));
        Assert.Equal(1, thirdParty.GetProperty("total").GetInt64());
        Assert.Equal([("churn", 2), ("churn", 1), ("fraud", 1)], NativeApi.Hits(await api.SearchAsync("q=churn&origin=in_house&tag=team:risk")));

        await api.OkAsync(HttpMethod.Post, "models/churn/versions/1/stage", new { stage = "Production" });
        Assert.Equal([("churn", 1)], NativeApi.Hits(await api.SearchAsync("stage=production")));

        foreach (var bad in new[] { "metric=accuracy", "metric=accuracy%3E%3Dhigh", "metric=%3E1", "origin=mars", "stage=Prod", "limit=0", "limit=101", "tag=bad%22key", "page_token=xyz" })
        {
            NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Get, "catalog/search?" + bad));
        }
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Full_text_syntax_in_the_query_is_harmless(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = await SeedAsync(server);
        string[] attempts =
        [
            "\"", "\"churn", "churn\"*", "*", "churn OR fraud", "NOT churn", "churn AND", "NEAR(churn fraud)", "model_name:fraud", "{model_name}: fraud",
            "churn:*", "churn & !fraud", "fraud | weather", "'; DROP TABLE catalog_entries; --", "^churn", "-churn", "churn)", "(((", "\\", "%", "_", "é\u0301",
        ];
        foreach (var attempt in attempts)
        {
            var (status, body) = await api.SendAsync(HttpMethod.Get, "catalog/search?q=" + Uri.EscapeDataString(attempt));
            Assert.True(status == HttpStatusCode.OK, $"'{attempt}' answered {(int)status}: {body}");
        }

        // Operators are plain words: with OR as an operator this would match four models; as a word it matches none.
        Assert.Empty(NativeApi.Hits(await api.SearchAsync("q=" + Uri.EscapeDataString("churn OR weather"))));
        Assert.Empty(NativeApi.Hits(await api.SearchAsync("q=" + Uri.EscapeDataString("model_name:weather rain"))));
        Assert.Equal(5, (await api.SearchAsync("q=")).GetProperty("total").GetInt64());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_recorded_model_change_refreshes_every_version_in_the_catalog(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = await SeedAsync(server);
        await api.OkAsync(HttpMethod.Patch, "models/churn", new { name = "attrition", description = "Predicts customer attrition." });

        // The change is recorded as the webhooks work records every registry change: the event log refreshes the index.
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var id = await db.RegisteredModels.Where(m => m.Name == "attrition").Select(m => m.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<RegistryEventLog>().RecordAsync(
                new RegistryChange(1, id, "attrition", null, RegistryEntities.RegisteredModel, RegistryActions.Renamed, []), CancellationToken.None);
        }

        Assert.Equal([("attrition", 2), ("attrition", 1)], NativeApi.Hits(await api.SearchAsync("q=attrition")));
        Assert.DoesNotContain("churn", NativeApi.Hits(await api.SearchAsync("q=churn")).Select(h => h.Name));

        // A deleted version leaves the results at once, and a deleted model leaves the index.
        await api.OkAsync(HttpMethod.Delete, "models/attrition/versions/1", expected: HttpStatusCode.NoContent);
        Assert.Equal([("attrition", 2)], NativeApi.Hits(await api.SearchAsync("q=attrition")));
        await api.OkAsync(HttpMethod.Delete, "models/attrition", expected: HttpStatusCode.NoContent);
        Assert.Empty(NativeApi.Hits(await api.SearchAsync("q=attrition")));
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            Assert.Equal(3, await db.CatalogEntries.CountAsync());
            Assert.Equal(3, await scope.ServiceProvider.GetRequiredService<CatalogIndexer>().RebuildAsync(CancellationToken.None));
        }

        Assert.Equal(3, (await api.OkAsync(HttpMethod.Post, "catalog/reindex")).GetProperty("entries").GetInt32());
    }
}
