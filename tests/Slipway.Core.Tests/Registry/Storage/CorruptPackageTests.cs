using System.Net;
using Slipway.Tests;
using Slipway.Tests.Models;
using static Slipway.Core.Tests.Registry.Storage.TestPackages;

namespace Slipway.Core.Tests.Registry.Storage;

/// <summary>
/// A package that claims a format but does not parse is refused with a message naming the file, and changes nothing:
/// no version row, no registry files, no version number used up (docs/decisions/0002-registry-owned-version-storage.md).
/// </summary>
public sealed class CorruptPackageTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_corrupt_onnx_file_is_refused_naming_the_file_and_leaves_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        await api.OkAsync("registered-models/create", new { name = "m" });
        var corrupt = PackageContents.Of(ModelPackages.CorruptOnnx)["model.onnx"];

        // Uploaded as a bare ONNX file.
        var upload = await UploadAsync(server.Client, "m", "model.onnx", corrupt);
        await AssertRefusedAndNothingLeftAsync(server, "m", upload, "invalid_parameter_value");
        var detail = upload.Body.GetProperty("detail").GetString();
        Assert.Contains("'model.onnx'", detail, StringComparison.Ordinal);
        Assert.Contains("not a valid ONNX model", detail, StringComparison.Ordinal);

        // Logged by a run inside an MLflow directory whose onnx flavor points at it.
        var files = PackageContents.Of(ModelPackages.MlflowOnnx);
        files["model.onnx"] = corrupt;
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId, files: files);
        var created = await api.PostAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", created);
        Assert.Contains("'model.onnx' is not a valid ONNX model", created.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        await AssertNothingLeftAsync(server, "m");

        // The refusals used up no number: the first good package becomes version 1.
        var (response, body) = await UploadAsync(server.Client, "m", "model.onnx", PackageContents.Onnx);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1", body.GetProperty("version").GetString());
    }
}
