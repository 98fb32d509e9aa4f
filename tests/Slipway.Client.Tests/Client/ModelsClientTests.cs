using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Client;

public sealed class ModelsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_version_its_alias_card_and_catalog_entry_are_read_through_the_SDK()
    {
        var name = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        var runId = await fixture.Mlflow.CreateRunAsync();
        await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "rmse", value = 1.5, timestamp = 1 });
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        await fixture.Mlflow.OkAsync("model-versions/create", new { name, source = $"runs:/{runId}/model", run_id = runId });
        await fixture.Mlflow.OkAsync("registered-models/alias", new { name, alias = "champion", version = "1" });

        var client = fixture.Client;
        Assert.Equal(1, (await client.Models.GetAsync(name)).Aliases["champion"]);
        Assert.Equal(runId, (await client.Models.GetVersionAsync(name, 1)).RunId);
        Assert.Equal(1, (await client.Models.GetByAliasAsync(name, "champion")).Version);
        Assert.Equal(1, Assert.Single((await client.Models.ListVersionsAsync(name)).Items).Version);
        Assert.Equal(1.5, (await client.Models.GetCardAsync(name, 1)).Metrics["rmse"]);
        Assert.Contains("| rmse | 1.5 |", await client.Models.GetCardMarkdownAsync(name, 1), StringComparison.Ordinal);
        var found = await client.Models.SearchAsync(new CatalogQuery { Text = name, Metrics = ["rmse<2"] });
        Assert.Equal(["champion"], Assert.Single(found.Items).Aliases);

        var missing = await Assert.ThrowsAsync<SlipwayApiException>(() => client.Models.GetAsync(name + "-missing"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
