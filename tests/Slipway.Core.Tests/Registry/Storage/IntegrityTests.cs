using System.Net;
using System.Text.Json;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Storage;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Registry.Storage;

/// <summary>Each run: a database, and whether the artifact store is S3 (moto) rather than the local disk.</summary>
public sealed class StorageTheoryData : TheoryData<Provider, bool>
{
    public StorageTheoryData()
    {
        Add(Provider.Sqlite, false);
        if (TestEnvironment.HasPostgres)
        {
            Add(Provider.Postgres, false);
        }

        if (TestEnvironment.HasS3)
        {
            Add(Provider.Sqlite, true);
            if (TestEnvironment.HasPostgres)
            {
                Add(Provider.Postgres, true);
            }
        }
    }
}

/// <summary>
/// A file changed in storage after registration (on disk or in the bucket) is detected on download, on load and
/// by verify, and raises INTEGRITY_FAILED (issue 4, Integrity).
/// </summary>
public sealed class IntegrityTests
{
    private const string Proxy = "api/2.0/mlflow-artifacts/artifacts";

    /// <summary>
    /// The package: an sklearn model as MLflow logs it, whose <c>model.pkl</c> is larger than one 80 KiB chunk of the proxy.
    /// Pickled models are registered (flagged unsafe_format) and never opened, so the pickle can be any bytes.
    /// </summary>
    private static readonly byte[] Small = PackageContents.Of(ModelPackages.PickleOnlyMlflow)["MLmodel"];
    private static readonly byte[] Large = [0x80, 0x05, .. Enumerable.Range(0, 500_000).Select(i => (byte)(i % 251)), 0x2e];

    [Theory]
    [ClassData(typeof(StorageTheoryData))]
    public async Task A_file_changed_after_registration_is_refused_on_download_load_and_verify(Provider provider, bool s3)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, s3);
        var api = new MlflowApi(server.Client);
        var key = await RegisterAsync(api);

        var clean = JsonDocument.Parse(await (await server.Client.PostAsync("api/v1/models/m/versions/1/verify", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.True(clean.GetProperty("ok").GetBoolean());
        Assert.Equal(Large, await server.Client.GetByteArrayAsync($"{Proxy}/{key}/model.pkl"));

        await OverwriteAsync(server, s3, $"{key}/MLmodel", Flip(Small));
        await OverwriteAsync(server, s3, $"{key}/model.pkl", Flip(Large));

        // A corrupt file that fits in one chunk: a 500 DATA_LOSS body, nothing of the file.
        MlflowApi.AssertError(HttpStatusCode.InternalServerError, "DATA_LOSS", await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Proxy}/{key}/MLmodel")));

        // A larger one: the connection is cut short of Content-Length, which the client sees as a failed read.
        var cut = await Assert.ThrowsAnyAsync<Exception>(() => server.Client.GetByteArrayAsync($"{Proxy}/{key}/model.pkl"));
        Assert.True(cut is HttpRequestException or IOException, cut.ToString());

        using (var scope = server.Services.CreateScope())
        {
            var loaded = await scope.ServiceProvider.GetRequiredService<ModelPackageReader>().MaterializeAsync("m", "1", CancellationToken.None);
            Assert.False(loaded.IsSuccess);
            Assert.Equal(PackageErrors.IntegrityFailed, loaded.Error!.Code);
        }

        var verify = JsonDocument.Parse(await (await server.Client.PostAsync("api/v1/models/m/versions/1/verify", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.False(verify.GetProperty("ok").GetBoolean());
        var statuses = verify.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["MLmodel"] = "corrupt", ["model.pkl"] = "corrupt", ["ok.txt"] = "ok" }, statuses);

        using (var scope = server.Services.CreateScope())
        {
            var events = await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().RegistryEvents
                .Where(e => e.Action == "INTEGRITY_FAILED").ToListAsync();
            // One event per broken file: load and verify met the two already reported.
            Assert.Equal(["download", "download"], events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("detected_by").GetString()).Order());
            Assert.All(events, e => Assert.Equal(("m", 1, "MODEL_VERSION"), (e.ModelName, e.Version!.Value, e.Entity)));
        }
    }

    [Theory]
    [ClassData(typeof(StorageTheoryData))]
    public async Task A_missing_file_is_an_integrity_failure_not_a_404(Provider provider, bool s3)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, s3);
        var api = new MlflowApi(server.Client);
        var key = await RegisterAsync(api);
        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<IArtifactStore>().DeleteAsync($"{key}/ok.txt", CancellationToken.None);
        }

        MlflowApi.AssertError(HttpStatusCode.InternalServerError, "DATA_LOSS", await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{Proxy}/{key}/ok.txt")));
        var verify = JsonDocument.Parse(await (await server.Client.PostAsync("api/v1/models/m/versions/1/verify", null)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("missing", verify.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "ok.txt").GetProperty("status").GetString());

        // A copy of a corrupt version is refused rather than spreading the damage.
        await api.OkAsync("registered-models/create", new { name = "copy" });
        var copy = await api.PostAsync("model-versions/create", new { name = "copy", source = "models:/m/1" });
        Assert.Equal(HttpStatusCode.InternalServerError, copy.Status);
        Assert.Contains("ok.txt", copy.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> RegisterAsync(MlflowApi api)
    {
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId, files: new Dictionary<string, byte[]> { ["MLmodel"] = Small, ["model.pkl"] = Large, ["ok.txt"] = [1, 2, 3] });
        await api.OkAsync("registered-models/create", new { name = "m" });
        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId });
        return (await api.GetOkAsync("model-versions/get-download-uri?name=m&version=1")).GetProperty("artifact_uri").GetString()!["mlflow-artifacts:/".Length..];
    }

    /// <summary>Changes the stored bytes behind Slipway's back: on disk, or straight into the bucket.</summary>
    private static async Task OverwriteAsync(SlipwayTestServer server, bool s3, string key, byte[] bytes)
    {
        if (!s3)
        {
            await File.WriteAllBytesAsync(Path.Combine(server.DataDir, "artifacts", key), bytes);
            return;
        }

        var options = server.Services.GetRequiredService<IOptions<StorageOptions>>().Value.S3;
        using var client = TestS3.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = options.Prefix + key, InputStream = new MemoryStream(bytes), UseChunkEncoding = false });
    }

    /// <summary>The same length, one byte different: only the digest can tell.</summary>
    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[copy.Length / 2] ^= 0xFF;
        return copy;
    }
}
