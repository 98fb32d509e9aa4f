using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Catalog;

public sealed class ModelCardTests
{
    private static async Task<string> RunWithMetricsAndDatasetsAsync(MlflowApi api)
    {
        var runId = await api.CreateRunAsync();
        await api.OkAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new object[]
            {
                new { key = "accuracy", value = 0.5, timestamp = 1, step = 0 },
                new { key = "accuracy", value = 0.91, timestamp = 2, step = 1 },
                new { key = "f1", value = 0.88, timestamp = 2, step = 1 },
                new { key = "broken", value = "NaN", timestamp = 2, step = 1 },
            },
        });
        object Input(string name, string digest, string? context) => new
        {
            tags = context is null ? Array.Empty<object>() : new object[] { new { key = "mlflow.data.context", value = context } },
            dataset = new { name, digest, source_type = "local", source = $"{{\"uri\":\"{name}.csv\"}}" },
        };
        await api.OkAsync("runs/log-inputs", new { run_id = runId, datasets = new[] { Input("bikes-train", "aa11", "training"), Input("bikes-test", "bb22", "evaluation") } });
        await api.LogModelFilesAsync(runId);
        return runId;
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_new_version_gets_a_card_with_the_run_metrics_datasets_and_creator(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        var runId = await RunWithMetricsAndDatasetsAsync(api.Mlflow);
        // Through the MLflow API, as an MLflow client registers: the card comes with the version whatever the API.
        await api.Mlflow.OkAsync("registered-models/create", new { name = "bikes" });
        await api.Mlflow.OkAsync("model-versions/create", new { name = "bikes", source = $"runs:/{runId}/model", run_id = runId });

        var card = await api.GetAsync("models/bikes/versions/1/card");
        Assert.Equal(0.91, card.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal(0.88, card.GetProperty("metrics").GetProperty("f1").GetDouble());
        Assert.False(card.GetProperty("metrics").TryGetProperty("broken", out _));
        var training = Assert.Single(card.GetProperty("training_data").EnumerateArray());
        Assert.Equal(("bikes-train", "aa11", runId), (training.GetProperty("name").GetString(), training.GetProperty("digest").GetString(), training.GetProperty("run_id").GetString()));
        Assert.Contains("bikes-train.csv", training.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Equal("bikes-test", Assert.Single(card.GetProperty("evaluation_data").EnumerateArray()).GetProperty("name").GetString());
        var creator = (await api.GetAsync("models/bikes/versions/1")).GetProperty("created_by").GetString();
        Assert.False(string.IsNullOrEmpty(creator));
        Assert.Equal([creator!], card.GetProperty("owners").EnumerateArray().Select(o => o.GetString()!).ToArray());
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/bikes/versions/2/card"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_card_reads_as_markdown_by_format_or_accept_header(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        var runId = await RunWithMetricsAndDatasetsAsync(api.Mlflow);
        await api.CreateModelAsync("bikes");
        await api.OkAsync(HttpMethod.Post, "models/bikes/versions/register", new { source = $"runs:/{runId}/model", run_id = runId }, HttpStatusCode.Created);
        await api.OkAsync(HttpMethod.Patch, "models/bikes/versions/1/card", new { intended_use = "Daily rental forecasts for planning.", text = "Trained on **2023** data." });

        var markdown = await server.Client.GetStringAsync("api/v1/models/bikes/versions/1/card?format=markdown");
        Assert.StartsWith("# bikes — version 1\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Intended use\n\nDaily rental forecasts for planning.\n", markdown, StringComparison.Ordinal);
        Assert.Contains("## Limitations\n\n_Not documented._\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **bikes-train**, digest `aa11`", markdown, StringComparison.Ordinal);
        Assert.Contains("| accuracy | 0.91 |", markdown, StringComparison.Ordinal);
        Assert.Contains("## Notes\n\nTrained on **2023** data.", markdown, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/models/bikes/versions/1/card");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        using var response = await server.Client.SendAsync(request);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(markdown, await response.Content.ReadAsStringAsync());
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Get, "models/bikes/versions/1/card?format=pdf"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Card_edits_are_validated_recorded_as_CARD_UPDATED_and_searchable(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        await api.CreateModelAsync("bikes");
        await api.RegisterFromRunAsync("bikes", new Dictionary<string, double> { ["rmse"] = 3.5 });

        foreach (var bad in new object[]
        {
            new { intended_use = new string('x', 10_001) },
            new { owners = new[] { " " } },
            new { owners = Enumerable.Range(0, 51).Select(i => $"o{i}").ToArray() },
            new { license = new string('l', 257) },
            new { metrics = new Dictionary<string, object> { ["bad\"key"] = 1 } },
            new { training_data = new[] { new { digest = "no name" } } },
        })
        {
            NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Patch, "models/bikes/versions/1/card", bad));
        }

        var patched = await api.OkAsync(HttpMethod.Patch, "models/bikes/versions/1/card", new { limitations = "Not for winter months.", license = "Apache-2.0", owners = new[] { "ana", "li" } });
        Assert.Equal(3.5, patched.GetProperty("metrics").GetProperty("rmse").GetDouble());
        Assert.Equal(["ana", "li"], patched.GetProperty("owners").EnumerateArray().Select(o => o.GetString()!).ToArray());
        Assert.Equal("Apache-2.0", patched.GetProperty("license").GetString());

        var hits = NativeApi.Hits(await api.SearchAsync("q=winter")).ToList();
        Assert.Equal([("bikes", 1)], hits);

        var replaced = await api.OkAsync(HttpMethod.Put, "models/bikes/versions/1/card", new { intended_use = "Planning." });
        Assert.Equal("", replaced.GetProperty("limitations").GetString());
        Assert.Empty(replaced.GetProperty("metrics").EnumerateObject());
        Assert.Empty(NativeApi.Hits(await api.SearchAsync("q=winter")));

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var events = await db.RegistryEvents.Where(e => e.ModelName == "bikes" && e.Action == RegistryActions.CardUpdated).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(1, e.Version));
        Assert.Contains("limitations", events[0].Data, StringComparison.Ordinal);
        Assert.Contains("metrics", events[1].Data, StringComparison.Ordinal);
    }
}
