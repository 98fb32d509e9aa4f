using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Registry.Storage;

/// <summary>A version's files are copied into registry-owned storage when it is created, with their digests.</summary>
public sealed class VersionStorageTests
{
    private const string Proxy = "api/2.0/mlflow-artifacts/artifacts";

    /// <summary>
    /// An MLflow ONNX model directory as <c>mlflow.onnx.log_model</c> writes it, with the copies MLflow also keeps
    /// under <c>metadata/</c>, so that a sub-folder is copied too.
    /// </summary>
    private static readonly Dictionary<string, byte[]> ModelFiles = MlflowOnnxWithMetadata();

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_version_keeps_its_files_and_digests_after_the_run_artifacts_are_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId, "model", files: ModelFiles);
        await api.OkAsync("registered-models/create", new { name = "churn" });
        await api.OkAsync("model-versions/create", new { name = "churn", source = $"mlflow-artifacts:/0/{runId}/artifacts/model", run_id = runId });

        using (var delete = await server.Client.DeleteAsync($"{Proxy}/0/{runId}/artifacts/model"))
        {
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        var uri = (await api.GetOkAsync("model-versions/get-download-uri?name=churn&version=1")).GetProperty("artifact_uri").GetString()!;
        Assert.StartsWith("mlflow-artifacts:/registry/", uri, StringComparison.Ordinal);
        var key = uri["mlflow-artifacts:/".Length..];
        foreach (var (path, bytes) in ModelFiles)
        {
            Assert.Equal(bytes, await server.Client.GetByteArrayAsync($"{Proxy}/{key}/{path}"));
        }

        var listing = JsonDocument.Parse(await server.Client.GetStringAsync($"{Proxy}?path={key}")).RootElement;
        Assert.Equal(
            ModelFiles.Keys.Select(p => p.Split('/')[0]).Distinct().Order(StringComparer.Ordinal),
            listing.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).Order(StringComparer.Ordinal));

        var files = JsonDocument.Parse(await server.Client.GetStringAsync("api/v1/models/churn/versions/1/files")).RootElement;
        Assert.Equal(
            ModelFiles.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, (long)f.Value.Length, Sha256(f.Value))),
            files.EnumerateArray().Select(f => (f.GetProperty("path").GetString()!, f.GetProperty("size").GetInt64(), f.GetProperty("sha256").GetString()!)));

        using var scope = server.Services.CreateScope();
        var version = await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().ModelVersions.SingleAsync();
        Assert.Equal(key, version.StorageKey);
        Assert.Equal(("mlflow", "onnx"), (version.PackageFormat, version.Flavor));
        Assert.Equal("in_house", version.Origin);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Versions_from_a_logged_model_and_from_another_version_are_copies_too(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var logged = await api.OkAsync("logged-models", new { experiment_id = "0", name = "model", source_run_id = runId });
        var modelId = logged.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        await api.PutArtifactsAsync($"0/models/{modelId}/artifacts", ModelFiles);
        await api.OkAsync("registered-models/create", new { name = "m" });
        await api.OkAsync("registered-models/create", new { name = "copy" });

        await api.OkAsync("model-versions/create", new { name = "m", source = $"models:/{modelId}", model_id = modelId });
        (await server.Client.DeleteAsync($"{Proxy}/0/models/{modelId}")).EnsureSuccessStatusCode();
        await api.OkAsync("model-versions/create", new { name = "copy", source = "models:/m/1" });

        var uri = (await api.GetOkAsync("model-versions/get-download-uri?name=copy&version=1")).GetProperty("artifact_uri").GetString()!;
        Assert.Equal(ModelFiles["model.onnx"], await server.Client.GetByteArrayAsync($"{Proxy}/{uri["mlflow-artifacts:/".Length..]}/model.onnx"));
        Assert.NotEqual((await api.GetOkAsync("model-versions/get-download-uri?name=m&version=1")).GetProperty("artifact_uri").GetString(), uri);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Sources_outside_the_run_empty_sources_and_http_sources_are_refused_and_change_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var otherRun = await api.CreateRunAsync();
        await api.LogModelFilesAsync(otherRun);
        await api.PutArtifactsAsync("0/loose/model");
        await api.OkAsync("registered-models/create", new { name = "m" });

        var outside = await api.PostAsync("model-versions/create", new { name = "m", source = $"mlflow-artifacts:/0/{otherRun}/artifacts/model", run_id = runId });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", outside);
        Assert.Contains("outside the artifact root", outside.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("model-versions/create", new { name = "m", source = "mlflow-artifacts:/0/loose/model", run_id = runId }));
        var empty = await api.PostAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", empty);
        Assert.Contains("holds no files", empty.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("model-versions/create", new { name = "m", source = "https://example.com/model.onnx" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("model-versions/create", new { name = "m", source = "mlflow-artifacts:/registry/1/1/MLmodel" }));
        await TestPackages.AssertNothingLeftAsync(server, "m");

        // Without a run id the same location is accepted, and a refused attempt never consumed a number.
        var created = await api.OkAsync("model-versions/create", new { name = "m", source = "mlflow-artifacts:/0/loose/model" });
        Assert.Equal("1", created.GetProperty("model_version").GetProperty("version").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_source_given_with_a_model_id_must_lie_under_that_logged_models_artifacts(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var otherRun = await api.CreateRunAsync();
        await api.LogModelFilesAsync(otherRun);
        var logged = await api.OkAsync("logged-models", new { experiment_id = "0", name = "model", source_run_id = runId });
        var modelId = logged.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        var location = logged.GetProperty("model").GetProperty("info").GetProperty("artifact_uri").GetString()!;
        await api.PutArtifactsAsync($"0/models/{modelId}/artifacts", ModelFiles);
        await api.PutArtifactsAsync("0/loose/model", ModelFiles);
        await api.PutArtifactsAsync($"0/models/{modelId}/artifacts-elsewhere", ModelFiles);
        await api.OkAsync("registered-models/create", new { name = "m" });

        foreach (var source in new[] { "mlflow-artifacts:/0/loose/model", $"runs:/{otherRun}/model", $"mlflow-artifacts:/0/models/{modelId}/artifacts-elsewhere" })
        {
            var outside = await api.PostAsync("model-versions/create", new { name = "m", source, model_id = modelId });
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", outside);
            Assert.Contains($"outside the artifact location of logged model '{modelId}' and of its source run", outside.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        using (var native = await server.Client.PostAsJsonAsync("api/v1/models/m/versions/register", new { source = "mlflow-artifacts:/0/loose/model", model_id = modelId }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, native.StatusCode);
            Assert.Equal("source_outside_model", JsonDocument.Parse(await native.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }

        await TestPackages.AssertNothingLeftAsync(server, "m");

        // The logged model's own location is accepted.
        var created = await api.OkAsync("model-versions/create", new { name = "m", source = location, model_id = modelId });
        Assert.Equal("1", created.GetProperty("model_version").GetProperty("version").GetString());

        // So is a path under the run that produced the logged model.
        await api.LogModelFilesAsync(runId, files: ModelFiles);
        var fromRun = await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", model_id = modelId });
        Assert.Equal(runId, fromRun.GetProperty("model_version").GetProperty("run_id").GetString());
    }

    [Fact]
    public async Task The_proxy_refuses_writes_and_deletes_under_registry_storage()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId, files: ModelFiles);
        await api.OkAsync("registered-models/create", new { name = "m" });
        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model" });
        var key = (await api.GetOkAsync("model-versions/get-download-uri?name=m&version=1")).GetProperty("artifact_uri").GetString()!["mlflow-artifacts:/".Length..];

        foreach (var path in new[] { $"{key}/MLmodel", $"{key}/new.bin", "registry/x", "registry" })
        {
            MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED",
                await api.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{Proxy}/{path}") { Content = new ByteArrayContent([9]) }));
            MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Proxy}/{path}")));
        }

        MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", await api.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{Proxy}/regis%74ry/1/1/MLmodel") { Content = new ByteArrayContent([9]) }));
        Assert.Equal(ModelFiles["MLmodel"], await server.Client.GetByteArrayAsync($"{Proxy}/{key}/MLmodel"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Proxy}/{key}/new.bin")));
    }

    private static Dictionary<string, byte[]> MlflowOnnxWithMetadata()
    {
        var files = PackageContents.Of(ModelPackages.MlflowOnnx);
        foreach (var name in new[] { "MLmodel", "conda.yaml", "python_env.yaml", "requirements.txt" })
        {
            files["metadata/" + name] = files[name];
        }

        return files;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
