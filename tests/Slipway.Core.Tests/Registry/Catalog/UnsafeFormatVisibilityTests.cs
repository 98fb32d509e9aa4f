using System.Net;
using Slipway.Core.Registry.Catalog;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Registry.Catalog;

/// <summary>A pickled version's unsafe_format shows in catalog hits and on its model card (JSON and Markdown), not only on the version.</summary>
public sealed class UnsafeFormatVisibilityTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_pickled_version_is_flagged_in_catalog_search_and_on_its_card(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        var pickledRun = await api.Mlflow.CreateRunAsync();
        await api.Mlflow.LogModelFilesAsync(pickledRun, files: PackageContents.Of(ModelPackages.PickleOnlyMlflow));
        var onnxRun = await api.Mlflow.CreateRunAsync();
        await api.Mlflow.LogModelFilesAsync(onnxRun, files: PackageContents.Of(ModelPackages.MlflowOnnx));
        await api.Mlflow.OkAsync("registered-models/create", new { name = "churn" });
        await api.Mlflow.OkAsync("model-versions/create", new { name = "churn", source = $"runs:/{pickledRun}/model", run_id = pickledRun });
        await api.Mlflow.OkAsync("model-versions/create", new { name = "churn", source = $"runs:/{onnxRun}/model", run_id = onnxRun });
        Assert.True((await api.GetAsync("models/churn/versions/1")).GetProperty("unsafe_format").GetBoolean());

        var page = await api.SearchAsync("q=churn");
        var flags = page.GetProperty("items").EnumerateArray()
            .ToDictionary(h => h.GetProperty("version").GetInt32(), h => h.GetProperty("unsafe_format").GetBoolean());
        Assert.Equal(new Dictionary<int, bool> { [1] = true, [2] = false }, flags);

        Assert.True((await api.GetAsync("models/churn/versions/1/card")).GetProperty("unsafe_format").GetBoolean());
        Assert.False((await api.GetAsync("models/churn/versions/2/card")).GetProperty("unsafe_format").GetBoolean());

        var unsafeMarkdown = await server.Client.GetStringAsync("api/v1/models/churn/versions/1/card?format=markdown");
        Assert.StartsWith("# churn — version 1\n\n" + ModelCardMarkdown.UnsafeFormatWarning + "\n", unsafeMarkdown, StringComparison.Ordinal);
        Assert.Contains("Unsafe format: loading this model executes code (pickle); Slipway never loads it.", unsafeMarkdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Unsafe format", await server.Client.GetStringAsync("api/v1/models/churn/versions/2/card?format=markdown"), StringComparison.Ordinal);

        // Editing the card keeps the flag: it comes from the package, not from the card text.
        using var edit = await server.Client.PatchAsync("api/v1/models/churn/versions/1/card",
            System.Net.Http.Json.JsonContent.Create(new { intended_use = "Churn scoring." }));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("\"unsafe_format\":true", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
