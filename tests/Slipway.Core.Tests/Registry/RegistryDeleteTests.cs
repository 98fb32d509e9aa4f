using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Tests.Registry.Lifecycle;
using Slipway.Core.Tests.Registry.Storage;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry;

/// <summary>
/// Deleting a registered model or a version (governance §8.2): MANAGE is needed, a held version is never deleted,
/// and the registry's copy of the files goes with it.
/// </summary>
public sealed class RegistryDeleteTests
{
    [Fact]
    public async Task Deleting_a_model_or_a_version_needs_manage_on_both_apis()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var deletes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.EndsWith("/registered-models/delete", StringComparison.Ordinal)
                || e.RoutePattern.RawText!.EndsWith("/model-versions/delete", StringComparison.Ordinal)
                || (RouteSamples.Methods(e).Contains("DELETE") && e.RoutePattern.RawText is "/api/v1/models/{name}" or "/api/v1/models/{name}/versions/{version}"))
            .Select(e => (Route: e.RoutePattern.RawText!, Level: RouteSamples.Level(e)))
            .ToList();

        Assert.Equal(6, deletes.Count);
        Assert.All(deletes, d => Assert.True(d.Level == Permission.Manage, $"{d.Route} needs {d.Level}"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_held_version_and_its_model_are_not_deleted_until_the_holds_are_removed(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("churn", versions: 2);
        await api.OkAsync(api.HoldAsync("churn", 2, "INC-7", "under investigation"), HttpStatusCode.Created);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<VersionHolds>().AddAsync("churn", "2", HoldKinds.Approval, "apr-1", "", CancellationToken.None)).IsSuccess);
        }

        foreach (var prefix in new[] { "api", "ajax-api" })
        {
            var version = await DeleteRpcAsync(server.Client, $"{prefix}/2.0/mlflow/model-versions/delete", new { name = "churn", version = "2" });
            MlflowApi.AssertError(HttpStatusCode.Conflict, "RESOURCE_CONFLICT", version);
            Assert.Contains("approval 'apr-1'", version.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Contains("manual 'INC-7'", version.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
            var model = await DeleteRpcAsync(server.Client, $"{prefix}/2.0/mlflow/registered-models/delete", new { name = "churn" });
            MlflowApi.AssertError(HttpStatusCode.Conflict, "RESOURCE_CONFLICT", model);
            Assert.Contains("version 2 is held by approval 'apr-1'", model.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var native = await NativeDeleteAsync(server.Client, "api/v1/models/churn/versions/2");
        Assert.Contains("manual 'INC-7'", LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionProtectedCode, native), StringComparison.Ordinal);
        LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionProtectedCode, await NativeDeleteAsync(server.Client, "api/v1/models/churn"));

        // Nothing was deleted: both versions, the holds and the files are there.
        Assert.Equal("2", (await api.MlflowVersionAsync("churn", 2)).GetProperty("version").GetString());
        Assert.Equal(2, (await api.OkAsync(api.HoldsAsync("churn", 2))).GetArrayLength());
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().ModelVersionFiles.Select(f => f.Version).Distinct().CountAsync());
        }

        // An unheld version of a model with a held one is deleted; the model is not, until the holds go.
        Assert.Equal(HttpStatusCode.OK, (await DeleteRpcAsync(server.Client, "api/2.0/mlflow/model-versions/delete", new { name = "churn", version = "1" })).Status);
        await api.OkAsync(api.UnholdAsync("churn", 2, "manual", "INC-7"), HttpStatusCode.NoContent);
        MlflowApi.AssertError(HttpStatusCode.Conflict, "RESOURCE_CONFLICT", await DeleteRpcAsync(server.Client, "api/2.0/mlflow/registered-models/delete", new { name = "churn" }));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<VersionHolds>().RemoveAsync("churn", "2", HoldKinds.Approval, "apr-1", CancellationToken.None)).Value);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await NativeDeleteAsync(server.Client, "api/v1/models/churn/versions/2")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await NativeDeleteAsync(server.Client, "api/v1/models/churn")).Status);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_hold_racing_a_delete_either_stops_it_or_finds_the_version_gone(Provider provider)
    {
        const int Versions = 6;
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("race", versions: Versions);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, Versions).Select(async v =>
        {
            var hold = api.HoldAsync("race", v, "deploy-" + v);
            var delete = DeleteRpcAsync(server.Client, "api/2.0/mlflow/model-versions/delete", new { name = "race", version = v.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return (Version: v, Hold: (await hold).Status, Delete: (await delete).Status);
        }));

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        foreach (var (version, hold, delete) in outcomes)
        {
            var deleted = await db.ModelVersions.Where(m => m.Version == version).Select(m => m.Deleted).SingleAsync();
            Assert.True(
                (hold == HttpStatusCode.Created && delete == HttpStatusCode.Conflict && !deleted) || (delete == HttpStatusCode.OK && hold == HttpStatusCode.NotFound && deleted),
                $"version {version}: hold {(int)hold}, delete {(int)delete}, deleted {deleted}");
        }
    }

    [Theory]
    [ClassData(typeof(StorageTheoryData))]
    public async Task Deleting_a_version_or_a_model_removes_its_registry_files_from_the_store(Provider provider, bool s3)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, s3);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("gone", versions: 2);
        var keys = new List<string>();
        foreach (var version in new[] { 1, 2 })
        {
            var uri = (await api.Mlflow.GetOkAsync($"model-versions/get-download-uri?name=gone&version={version}")).GetProperty("artifact_uri").GetString()!;
            keys.Add(uri["mlflow-artifacts:/".Length..]);
        }

        var store = server.Services.GetRequiredService<IArtifactStore>();
        foreach (var key in keys)
        {
            Assert.NotNull(await store.ListAsync(key, CancellationToken.None));
        }

        Assert.Equal(HttpStatusCode.OK, (await DeleteRpcAsync(server.Client, "api/2.0/mlflow/model-versions/delete", new { name = "gone", version = "1" })).Status);

        Assert.Null(await store.ListAsync(keys[0], CancellationToken.None));
        Assert.NotNull(await store.ListAsync(keys[1], CancellationToken.None));
        long modelId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            Assert.Equal([2], await db.ModelVersionFiles.Select(f => f.Version).Distinct().ToListAsync());
            var row = await db.ModelVersions.SingleAsync(v => v.Version == 1);
            Assert.True(row.Deleted);
            Assert.NotNull(row.FilesDeletedAt);
            modelId = row.RegisteredModelId;
        }

        // The deleted number is never handed out again.
        await api.Mlflow.PutArtifactsAsync("models/gone/3");
        var third = await api.Mlflow.OkAsync("model-versions/create", new { name = "gone", source = "mlflow-artifacts:/models/gone/3" });
        Assert.Equal("3", third.GetProperty("model_version").GetProperty("version").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await NativeDeleteAsync(server.Client, "api/v1/models/gone")).Status);

        Assert.Null(await store.ListAsync($"registry/{modelId}", CancellationToken.None));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().ModelVersionFiles.AnyAsync());
        }
    }

    [Fact]
    public async Task A_store_that_fails_to_delete_leaves_the_delete_committed_and_logs_the_key()
    {
        await using var server = await SlipwayTestServer.StartAsync(configure: builder =>
        {
            var original = builder.Services.Last(d => d.ServiceType == typeof(IArtifactStore));
            builder.Services.AddSingleton<IArtifactStore>(sp => new UndeletableStore((IArtifactStore)original.ImplementationFactory!(sp)));
        });
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("stuck", versions: 1);
        var key = (await api.Mlflow.GetOkAsync("model-versions/get-download-uri?name=stuck&version=1")).GetProperty("artifact_uri").GetString()!["mlflow-artifacts:/".Length..];

        Assert.Equal(HttpStatusCode.OK, (await DeleteRpcAsync(server.Client, "api/2.0/mlflow/model-versions/delete", new { name = "stuck", version = "1" })).Status);

        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.Mlflow.GetAsync("model-versions/get?name=stuck&version=1"));
        Assert.Contains(server.Logs, line => line.Contains(key, StringComparison.Ordinal) && line.Contains("delete them by hand", StringComparison.Ordinal));
    }

    private sealed class UndeletableStore(IArtifactStore inner) : IArtifactStore
    {
        public Task<StoredArtifact> WriteAsync(string key, Stream content, CancellationToken cancellationToken) => inner.WriteAsync(key, content, cancellationToken);

        public Task<ArtifactReadStream?> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

        public Task<IReadOnlyList<ArtifactEntry>?> ListAsync(string directoryKey, CancellationToken cancellationToken) => inner.ListAsync(directoryKey, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw new IOException("The disk is read-only.");
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> DeleteRpcAsync(HttpClient client, string path, object body) =>
        new MlflowApi(client).SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(body) });

    private static Task<(HttpStatusCode Status, JsonElement Body)> NativeDeleteAsync(HttpClient client, string path) =>
        new MlflowApi(client).SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));
}
