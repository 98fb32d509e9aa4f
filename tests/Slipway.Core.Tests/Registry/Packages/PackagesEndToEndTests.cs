using System.Net;
using System.Text.Json;
using Slipway.Tests;
using Slipway.Tests.Models;
using static Slipway.Core.Tests.Registry.Storage.TestPackages;

namespace Slipway.Core.Tests.Registry.Packages;

/// <summary>
/// Issue 4, Done when: an ONNX model, an ML.NET model and an MLflow directory with an <c>onnx</c> flavor (all trained in
/// the test run from adult-census, see <see cref="TestModels"/>) each register over real HTTP, show their signature, and
/// are found in the catalog with their model card; a pickle-only MLflow model registers flagged <c>unsafe_format</c>.
/// </summary>
public sealed class PackagesEndToEndTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Onnx_mlnet_and_mlflow_models_register_show_their_signature_and_are_found_in_the_catalog_with_their_card(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        foreach (var name in new[] { "census-onnx", "census-mlnet", "census-mlflow", "census-sklearn" })
        {
            await api.OkAsync("registered-models/create", new { name, description = "Predicts whether an adult's income is over 50K." });
        }

        // A bare ONNX graph, imported as a third-party model with its provenance.
        var onnx = await UploadAsync(server.Client, "census-onnx", ModelPackages.OnnxFile, PackageContents.Onnx, route: "import",
            query: "origin=huggingface&license=apache-2.0&author=Ann&source_url=" + Uri.EscapeDataString("https://huggingface.co/org/census"));
        Assert.True(onnx.Response.StatusCode == HttpStatusCode.Created, onnx.Body.ToString());

        // An ML.NET model .zip, uploaded in-house.
        var mlnet = await UploadAsync(server.Client, "census-mlnet", ModelPackages.MlnetFile, PackageContents.MlnetZip, query: "description=ml.net");
        Assert.True(mlnet.Response.StatusCode == HttpStatusCode.Created, mlnet.Body.ToString());

        // An MLflow directory with an onnx flavor, logged as a run's artifacts and registered from the run, as MLflow clients do.
        var runId = await api.CreateRunAsync();
        await api.OkAsync("runs/log-batch", new { run_id = runId, metrics = new[] { new { key = "auc", value = 0.87, timestamp = 1, step = 0 } } });
        await api.LogModelFilesAsync(runId, files: PackageContents.Of(ModelPackages.MlflowOnnx));
        await api.OkAsync("model-versions/create", new { name = "census-mlflow", source = $"runs:/{runId}/model", run_id = runId });

        // A pickle-only MLflow directory, uploaded as a zip: registered, but flagged and never loaded.
        var pickle = PackageContents.Of(ModelPackages.PickleOnlyMlflow).Select(f => ("model/" + f.Key, f.Value)).ToArray();
        var sklearn = await UploadAsync(server.Client, "census-sklearn", "model.zip", Zip(pickle));
        Assert.True(sklearn.Response.StatusCode == HttpStatusCode.Created, sklearn.Body.ToString());

        // The MLflow API sees four READY versions; the MLflow directory's MLmodel, with its signature, downloads from the registry's copy.
        foreach (var name in new[] { "census-onnx", "census-mlnet", "census-mlflow", "census-sklearn" })
        {
            var version = (await api.GetOkAsync($"model-versions/get?name={name}&version=1")).GetProperty("model_version");
            Assert.Equal(("1", "READY"), (version.GetProperty("version").GetString(), version.GetProperty("status").GetString()));
        }

        var uri = (await api.GetOkAsync("model-versions/get-download-uri?name=census-mlflow&version=1")).GetProperty("artifact_uri").GetString()!;
        var mlmodel = await server.Client.GetStringAsync($"api/2.0/mlflow-artifacts/artifacts/{uri["mlflow-artifacts:/".Length..]}/MLmodel");
        Assert.Contains(ModelPackages.MlflowInputsJson, mlmodel, StringComparison.Ordinal);

        // The native API shows each version's format, flavor and signature (in MLflow's form), and the pickle flag.
        var onnxVersion = await GetJsonAsync(server, "api/v1/models/census-onnx/versions/1");
        AssertPackage(onnxVersion, "onnx", "onnx", unsafeFormat: false, origin: "third_party");
        Assert.Equal(("huggingface", "apache-2.0"), (onnxVersion.GetProperty("provenance").GetProperty("origin").GetString(), onnxVersion.GetProperty("provenance").GetProperty("license").GetString()));
        var (onnxInputs, onnxOutputs) = SignatureAssert.Parse(onnxVersion.GetProperty("signature").GetRawText());
        Assert.Equal(AdultCensusRow.Columns.Select(c => c.Name), onnxInputs.Select(i => (string?)i!["name"]));
        Assert.Equal(ModelPackages.OnnxOutputs.Select(o => o.Name), onnxOutputs.Select(o => (string?)o!["name"]));

        var mlnetVersion = await GetJsonAsync(server, "api/v1/models/census-mlnet/versions/1");
        AssertPackage(mlnetVersion, "mlnet", "mlnet", unsafeFormat: false, origin: "in_house");
        var (mlnetInputs, mlnetOutputs) = SignatureAssert.Parse(mlnetVersion.GetProperty("signature").GetRawText());
        for (var i = 0; i < AdultCensusRow.Columns.Count; i++)
        {
            SignatureAssert.Column(mlnetInputs[i], AdultCensusRow.Columns[i].Name, AdultCensusRow.Columns[i].MlflowType);
        }

        Assert.Equal(["PredictedLabel", "Score", "Probability"], mlnetOutputs.Select(o => (string?)o!["name"]));

        var mlflowVersion = await GetJsonAsync(server, "api/v1/models/census-mlflow/versions/1");
        AssertPackage(mlflowVersion, "mlflow", "onnx", unsafeFormat: false, origin: "in_house");
        Assert.Equal(runId, mlflowVersion.GetProperty("run_id").GetString());
        var signature = mlflowVersion.GetProperty("signature");
        Assert.Equal((ModelPackages.MlflowInputsJson, ModelPackages.MlflowOutputsJson), (signature.GetProperty("inputs").GetString(), signature.GetProperty("outputs").GetString()));

        var sklearnVersion = await GetJsonAsync(server, "api/v1/models/census-sklearn/versions/1");
        AssertPackage(sklearnVersion, "mlflow", "sklearn", unsafeFormat: true, origin: "in_house");
        Assert.True(sklearn.Body.GetProperty("unsafe_format").GetBoolean());

        // Each is found in the catalog, by name and by flavor, and has a model card (JSON and Markdown).
        foreach (var (name, flavor, origin) in new[]
        {
            ("census-onnx", "onnx", "third_party"), ("census-mlnet", "mlnet", "in_house"), ("census-mlflow", "onnx", "in_house"), ("census-sklearn", "sklearn", "in_house"),
        })
        {
            var found = await GetJsonAsync(server, $"api/v1/catalog/search?q={name}");
            var hit = found.GetProperty("items")[0];
            Assert.Equal((name, 1, flavor, origin), (hit.GetProperty("name").GetString(), hit.GetProperty("version").GetInt32(), hit.GetProperty("flavor").GetString(), hit.GetProperty("origin").GetString()));

            var card = await GetJsonAsync(server, $"api/v1/models/{name}/versions/1/card");
            Assert.Equal((name, 1), (card.GetProperty("name").GetString(), card.GetProperty("version").GetInt32()));
            Assert.Contains($"# {name} — version 1", await server.Client.GetStringAsync($"api/v1/models/{name}/versions/1/card?format=markdown"), StringComparison.Ordinal);
        }

        var mlflowCard = await GetJsonAsync(server, "api/v1/models/census-mlflow/versions/1/card");
        Assert.Equal(0.87, mlflowCard.GetProperty("metrics").GetProperty("auc").GetDouble());
        var byFlavor = await GetJsonAsync(server, "api/v1/catalog/search?flavor=onnx");
        Assert.Equal(["census-mlflow", "census-onnx"], byFlavor.GetProperty("items").EnumerateArray().Select(h => h.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var thirdParty = await GetJsonAsync(server, "api/v1/catalog/search?origin=third_party");
        Assert.Equal("census-onnx", Assert.Single(thirdParty.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    private static void AssertPackage(JsonElement version, string format, string flavor, bool unsafeFormat, string origin) =>
        Assert.Equal(
            (format, flavor, unsafeFormat, origin),
            (version.GetProperty("package_format").GetString(), version.GetProperty("flavor").GetString(), version.GetProperty("unsafe_format").GetBoolean(), version.GetProperty("origin").GetString()));

    private static async Task<JsonElement> GetJsonAsync(SlipwayTestServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
