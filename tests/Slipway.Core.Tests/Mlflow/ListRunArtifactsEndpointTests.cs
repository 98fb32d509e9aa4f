using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Mlflow;
using Slipway.Core.Tests.Infrastructure.Artifacts;
using Slipway.Core.Tracking;
using Slipway.Core.Tracking.Runs;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

/// <summary><c>GET artifacts/list</c> (mlflow-rest.md §2.1): the run's root URI and paths relative to it.</summary>
public sealed class ListRunArtifactsEndpointTests(ArtifactServers servers) : IClassFixture<ArtifactServers>
{
    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Files_are_listed_relative_to_the_run_root(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var runId = await CreateRunAsync(server);
        await MlflowArtifactEndpointsTests.PutTextAsync(server, $"0/{runId}/artifacts/a.txt", "hello!");
        await MlflowArtifactEndpointsTests.PutTextAsync(server, $"0/{runId}/artifacts/tree/b.txt", "b");
        await MlflowArtifactEndpointsTests.PutTextAsync(server, $"0/{runId}/artifacts/tree/deeper/c.txt", "c");

        var root = await server.Client.GetStringAsync($"api/2.0/mlflow/artifacts/list?run_id={runId}");
        var tree = await server.Client.GetStringAsync($"ajax-api/2.0/mlflow/artifacts/list?run_uuid={runId}&path=tree");

        Assert.Equal(
            $$"""{"root_uri":"mlflow-artifacts:/0/{{runId}}/artifacts","files":[{"path":"a.txt","is_dir":false,"file_size":6},{"path":"tree","is_dir":true}]}""",
            root);
        Assert.Equal(
            $$"""{"root_uri":"mlflow-artifacts:/0/{{runId}}/artifacts","files":[{"path":"tree/b.txt","is_dir":false,"file_size":1},{"path":"tree/deeper","is_dir":true}]}""",
            tree);
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_missing_directory_or_an_empty_run_gives_only_the_root_uri(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var runId = await CreateRunAsync(server);

        var empty = await server.Client.GetStringAsync($"api/2.0/mlflow/artifacts/list?run_id={runId}");
        var missing = await server.Client.GetStringAsync($"api/2.0/mlflow/artifacts/list?run_id={runId}&path=nothing/here");

        Assert.Equal($$"""{"root_uri":"mlflow-artifacts:/0/{{runId}}/artifacts"}""", empty);
        Assert.Equal(empty, missing);
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Run_id_wins_over_run_uuid(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var runId = await CreateRunAsync(server);

        using var response = await server.Client.GetAsync($"api/2.0/mlflow/artifacts/list?run_uuid={Guid.NewGuid():N}&run_id={runId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task An_unknown_run_is_a_404_and_a_missing_or_malformed_run_id_a_400(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);

        using var unknown = await server.Client.GetAsync($"api/2.0/mlflow/artifacts/list?run_id={Guid.NewGuid():N}");
        using var missing = await server.Client.GetAsync("api/2.0/mlflow/artifacts/list?path=a");
        using var malformed = await server.Client.GetAsync("api/2.0/mlflow/artifacts/list?run_id=..%2F..");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(MlflowErrorCode.ResourceDoesNotExist, await MlflowArtifactEndpointsTests.ErrorCodeAsync(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(MlflowErrorCode.InvalidParameterValue, await MlflowArtifactEndpointsTests.ErrorCodeAsync(missing));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(MlflowErrorCode.InvalidParameterValue, await MlflowArtifactEndpointsTests.ErrorCodeAsync(malformed));
    }

    private static async Task<string> CreateRunAsync(SlipwayTestServer server)
    {
        var runId = Guid.NewGuid().ToString("N");
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        db.Runs.Add(new Run
        {
            Id = runId,
            ExperimentId = Experiment.DefaultId,
            Name = "listed-run",
            ArtifactUri = $"mlflow-artifacts:/0/{runId}/artifacts",
            StartTime = 1,
        });
        await db.SaveChangesAsync();
        return runId;
    }
}
