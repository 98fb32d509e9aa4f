using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Mlflow;
using Slipway.Core.Tests.Infrastructure.Artifacts;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

/// <summary>The artifact proxy over real HTTP (mlflow-rest.md §2.2, §4), on the local store and on S3.</summary>
public sealed class MlflowArtifactEndpointsTests(ArtifactServers servers) : IClassFixture<ArtifactServers>
{
    private const string Proxy = "api/2.0/mlflow-artifacts/artifacts";

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task An_uploaded_file_downloads_with_its_bytes_type_and_attachment_name(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();

        using var put = await server.Client.PutAsync($"{Proxy}/{root}/model/metrics.json", new StringContent("{\"a\": 1}"));
        using var get = await server.Client.GetAsync($"{Proxy}/{root}/model/metrics.json");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("{}", await put.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("{\"a\": 1}", await get.Content.ReadAsStringAsync());
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(8, get.Content.Headers.ContentLength);
        Assert.Equal("attachment", get.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("metrics.json", get.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", Assert.Single(get.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task An_upload_records_size_and_sha256_and_an_overwrite_updates_them(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();
        var first = TestStreams.Bytes(1000, seed: 1);
        var second = TestStreams.Bytes(10, seed: 2);

        (await server.Client.PutAsync($"{Proxy}/{root}/a.bin", new ByteArrayContent(first))).EnsureSuccessStatusCode();
        var afterFirst = await RowAsync(server, $"{root}/a.bin");
        (await server.Client.PutAsync($"{Proxy}/{root}/a.bin", new ByteArrayContent(second))).EnsureSuccessStatusCode();
        var afterSecond = await RowAsync(server, $"{root}/a.bin");

        Assert.Equal((1000L, TestStreams.Sha256(first)), (afterFirst!.Size, afterFirst.Sha256));
        Assert.Equal((10L, TestStreams.Sha256(second)), (afterSecond!.Size, afterSecond.Sha256));
        Assert.Equal(second, await server.Client.GetByteArrayAsync($"{Proxy}/{root}/a.bin"));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_listing_gives_base_names_with_sizes_of_files_and_nothing_for_a_missing_directory_or_a_file(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();
        await PutTextAsync(server, $"{root}/a.txt", "hello!");
        await PutTextAsync(server, $"{root}/tree/b.txt", "b");

        var top = await server.Client.GetStringAsync($"{Proxy}?path={root}");
        var tree = await server.Client.GetStringAsync($"{Proxy}?path={root}/tree/");
        var missing = await server.Client.GetStringAsync($"{Proxy}?path={root}/missing");
        var file = await server.Client.GetStringAsync($"{Proxy}?path={root}/a.txt");

        Assert.Equal("""{"files":[{"path":"a.txt","is_dir":false,"file_size":6},{"path":"tree","is_dir":true}]}""", top);
        Assert.Equal("""{"files":[{"path":"b.txt","is_dir":false,"file_size":1}]}""", tree);
        Assert.Equal("{}", missing);
        Assert.Equal("{}", file);
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_delete_is_recursive_removes_the_rows_and_is_idempotent(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();
        await PutTextAsync(server, $"{root}/tree/a.txt", "a");
        await PutTextAsync(server, $"{root}/tree/deeper/b.txt", "b");
        await PutTextAsync(server, $"{root}/tree2/c.txt", "c");
        await PutTextAsync(server, $"{root}/TREE/d.txt", "d");

        using var delete = await server.Client.DeleteAsync($"{Proxy}/{root}/tree");
        using var again = await server.Client.DeleteAsync($"{Proxy}/{root}/tree");

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("{}", await delete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("{}", await again.Content.ReadAsStringAsync());
        Assert.Equal("""{"files":[{"path":"TREE","is_dir":true},{"path":"tree2","is_dir":true}]}""", await server.Client.GetStringAsync($"{Proxy}?path={root}"));
        Assert.Equal([$"{root}/TREE/d.txt", $"{root}/tree2/c.txt"], await RowPathsAsync(server, root));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_delete_of_a_directory_named_beyond_the_basic_plane_removes_its_rows(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();
        await PutTextAsync(server, $"{root}/\u00e9\U0001F600/a.txt", "a");
        await PutTextAsync(server, $"{root}/\u00e9\U0001F600/b/c.txt", "c");

        (await server.Client.DeleteAsync($"{Proxy}/{root}/%C3%A9%F0%9F%98%80")).EnsureSuccessStatusCode();

        Assert.Empty(await RowPathsAsync(server, root));
        Assert.Equal("{}", await server.Client.GetStringAsync($"{Proxy}?path={root}"));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Downloading_a_missing_file_is_a_404_resource_does_not_exist(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();
        await PutTextAsync(server, $"{root}/tree/a.txt", "a");

        foreach (var path in new[] { $"{root}/missing.txt", $"{root}/tree" })
        {
            using var response = await server.Client.GetAsync($"{Proxy}/{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(MlflowErrorCode.ResourceDoesNotExist, await ErrorCodeAsync(response));
        }
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task An_upload_above_kestrels_default_body_limit_streams_through(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();
        var bytes = TestStreams.Bytes(31 * 1024 * 1024);

        using var put = await server.Client.PutAsync($"{Proxy}/{root}/big.bin", new ByteArrayContent(bytes));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(TestStreams.Sha256(bytes), TestStreams.Sha256(await server.Client.GetByteArrayAsync($"{Proxy}/{root}/big.bin")));
        Assert.Equal(TestStreams.Sha256(bytes), (await RowAsync(server, $"{root}/big.bin"))!.Sha256);
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task The_ajax_prefix_serves_the_same_files(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var root = NewRoot();

        (await server.Client.PutAsync($"ajax-api/2.0/mlflow-artifacts/artifacts/{root}/a.txt", new StringContent("ajax"))).EnsureSuccessStatusCode();

        Assert.Equal("ajax", await server.Client.GetStringAsync($"{Proxy}/{root}/a.txt"));
        Assert.Equal(
            """{"files":[{"path":"a.txt","is_dir":false,"file_size":4}]}""",
            await server.Client.GetStringAsync($"ajax-api/2.0/mlflow-artifacts/artifacts?path={root}"));
        (await server.Client.DeleteAsync($"ajax-api/2.0/mlflow-artifacts/artifacts/{root}/a.txt")).EnsureSuccessStatusCode();
        Assert.Equal("{}", await server.Client.GetStringAsync($"{Proxy}?path={root}"));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Multipart_upload_answers_501_with_the_message_the_client_falls_back_on(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        foreach (var prefix in new[] { "api", "ajax-api" })
        {
            foreach (var step in new[] { "create", "complete", "abort" })
            {
                using var response = await server.Client.PostAsJsonAsync($"{prefix}/2.0/mlflow-artifacts/mpu/{step}/0/run/artifacts/big.bin", new { path = "big.bin", num_parts = 3 });

                Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
                Assert.Equal(
                    """{"error_code":"NOT_IMPLEMENTED","message":"Multipart upload is not supported for the current artifact repository"}""",
                    await response.Content.ReadAsStringAsync());
            }
        }
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task An_upload_cut_off_half_way_leaves_no_file_object_or_row(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        var before = await ArtifactServers.SnapshotAsync(server);
        var sent = TestStreams.Bytes(20 * 1024 * 1024);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
            var stream = client.GetStream();
            var head = $"PUT /{Proxy}/{NewRoot()}/cut.bin HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n"
                + $"Authorization: Bearer {server.AdminToken}\r\nContent-Length: {40 * 1024 * 1024}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(sent);

            // The upload is under way (a staging file, or an open multipart upload) before the client goes away.
            await WaitUntilAsync(async () => (await ArtifactServers.UnfinishedUploadsAsync(server)).Count > 0);
        }

        await WaitUntilAsync(async () => (await ArtifactServers.UnfinishedUploadsAsync(server)).Count == 0);
        Assert.Equal(before, await ArtifactServers.SnapshotAsync(server));
    }

    [Fact]
    public async Task A_file_cannot_replace_a_directory_on_the_local_store()
    {
        var server = await servers.GetAsync(StoreKind.Local);
        var root = NewRoot();
        await PutTextAsync(server, $"{root}/tree/a.txt", "a");

        using var response = await server.Client.PutAsync($"{Proxy}/{root}/tree", new StringContent("x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(MlflowErrorCode.InvalidParameterValue, await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Reads_need_read_writes_need_edit_and_deletes_need_manage()
    {
        var server = await servers.GetAsync(StoreKind.Local);
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("mlflow-artifacts", StringComparison.Ordinal) || e.RoutePattern.RawText!.EndsWith("/artifacts/list", StringComparison.Ordinal))
            .Select(e => (Methods: string.Join(",", RouteSamples.Methods(e)), Route: e.RoutePattern.RawText!, Level: RouteSamples.Level(e)))
            .ToList();

        Assert.Equal(16, routes.Count);
        Assert.All(routes, r => Assert.Equal(r.Methods switch { "GET" => Permission.Read, "DELETE" => Permission.Manage, _ => Permission.Edit }, r.Level));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "The condition did not hold within 30 seconds.");
            await Task.Delay(20);
        }
    }

    internal static string NewRoot() => "0/" + Guid.NewGuid().ToString("N") + "/artifacts";

    internal static async Task PutTextAsync(SlipwayTestServer server, string path, string text) =>
        (await server.Client.PutAsync($"{Proxy}/{path}", new StringContent(text))).EnsureSuccessStatusCode();

    internal static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error_code").GetString();

    private static async Task<ArtifactFile?> RowAsync(SlipwayTestServer server, string path)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        return await db.ArtifactFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Path == path);
    }

    private static async Task<List<string>> RowPathsAsync(SlipwayTestServer server, string root)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var rows = await db.ArtifactFiles.Select(f => f.Path).ToListAsync();
        return rows.Where(p => p.StartsWith(root + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }
}
