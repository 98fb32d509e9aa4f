using System.Text.Json;
using Slipway.Core.Mlflow;
using Slipway.Core.Tests.Infrastructure.Artifacts;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

/// <summary>
/// Every traversal form, sent byte for byte as written, on upload, download, listing and delete: 400
/// INVALID_PARAMETER_VALUE and no change to any file, object or row (mlflow-rest.md §4.4).
/// </summary>
public sealed class MlflowArtifactPathSafetyTests(ArtifactServers servers) : IClassFixture<ArtifactServers>
{
    /// <summary>Raw paths after <c>/artifacts/</c>; each would reach the victim beside the artifact root if decoded naively.</summary>
    public static TheoryData<StoreKind, string> Paths()
    {
        string[] paths =
        [
            "0/a/../../victim.txt",
            "0/a/..%2f..%2fvictim.txt",
            "0/a/%2e%2e/%2e%2e/victim.txt",
            "0/a/%2E%2e/%2e./victim.txt",
            "%2e%2e%2fvictim.txt",
            "%2E%2E%2Fvictim.txt",
            "%252e%252e%252fvictim.txt",
            "%25252e%25252e%25252fvictim.txt",
            "..%5cvictim.txt",
            "..%255cvictim.txt",
            "0%5c..%5c..%5cvictim.txt",
            "%5c..%5cvictim.txt",
            "/victim.txt",
            "%2fvictim.txt",
            "%252fvictim.txt",
            "C:%5cvictim.txt",
            "C:/victim.txt",
            "%5c%5chost%5cshare%5cvictim.txt",
            "file:%2f%2f%2fvictim.txt",
            "0/%00/victim.txt",
            "0/a%00.txt",
            "0/a%01.txt",
            "0/a%1f.txt",
            "0/a%7f.txt",
            "0/a%0d%0a.txt",
            "0/a%23/..%2f..%2fvictim.txt",
            "0/a%3f/..%2f..%2fvictim.txt",
            "0/a%3b/..%2f..%2fvictim.txt",
            "0/%c0%ae%c0%ae/victim.txt",
            "0/%ef%bc%8e%ef%bc%8e/victim.txt",
            "0/./victim.txt",
            "0//victim.txt",
            ".staging/victim.txt",
        ];
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new StoreKindTheoryData())
        {
            foreach (var path in paths)
            {
                data.Add(kind, path);
            }
        }

        return data;
    }

    /// <summary>Raw values of the listing's <c>path</c> query parameter.</summary>
    public static TheoryData<StoreKind, string> Directories()
    {
        string[] directories =
        [
            "..",
            "../",
            "0/../..",
            "%2e%2e",
            "%2e%2e%2f",
            "%252e%252e%252f",
            "..%5c",
            "/",
            "%2f",
            "/etc",
            "C:%5c",
            "%5c%5chost%5cshare",
            "file:%2f%2f%2f",
            "0%00",
            "0%01",
            "0/a%23/..",
            "%c0%ae%c0%ae",
            ".staging",
            "0//a",
        ];
        var data = new TheoryData<StoreKind, string>();
        foreach (var kind in new StoreKindTheoryData())
        {
            foreach (var directory in directories)
            {
                data.Add(kind, directory);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_traversal_path_is_refused_by_upload_download_and_delete_and_changes_nothing(StoreKind kind, string path)
    {
        var server = await PrepareAsync(kind);
        var before = await ArtifactServers.SnapshotAsync(server);

        foreach (var prefix in MlflowRoutes.ArtifactPrefixes)
        {
            await AssertInvalidAsync(server, "PUT", $"{prefix}/artifacts/{path}", "overwritten"u8.ToArray());
            await AssertInvalidAsync(server, "GET", $"{prefix}/artifacts/{path}");
            await AssertInvalidAsync(server, "DELETE", $"{prefix}/artifacts/{path}");
            await AssertInvalidAsync(server, "POST", $"{prefix}/mpu/create/{path}", "{}"u8.ToArray());
        }

        Assert.Equal(before, await ArtifactServers.SnapshotAsync(server));
    }

    [Theory]
    [MemberData(nameof(Directories))]
    public async Task A_traversal_directory_is_refused_by_listing(StoreKind kind, string directory)
    {
        var server = await PrepareAsync(kind);

        foreach (var prefix in MlflowRoutes.ArtifactPrefixes)
        {
            await AssertInvalidAsync(server, "GET", $"{prefix}/artifacts?path={directory}");
        }

        await AssertInvalidAsync(server, "GET", $"/api/2.0/mlflow/artifacts/list?run_id={Guid.NewGuid():N}&path={directory}");
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Dot_segments_that_climb_out_of_the_proxy_never_reach_a_file(StoreKind kind)
    {
        var server = await PrepareAsync(kind);
        var before = await ArtifactServers.SnapshotAsync(server);

        // The server removes these dot segments before routing, so the request no longer names the proxy at all.
        foreach (var path in new[] { "../victim.txt", "0/../../victim.txt", "../../../victim.txt", "%2e%2e/victim.txt", "0/%2e%2e/%2e%2e/victim.txt", "%2e%2e/%2e%2e/%2e%2e/victim.txt" })
        {
            foreach (var method in new[] { "PUT", "GET", "DELETE" })
            {
                var response = await RawHttp.SendAsync(server.BaseAddress, method, $"/api/2.0/mlflow-artifacts/artifacts/{path}", server.AdminToken, method == "PUT" ? "overwritten"u8.ToArray() : null);
                Assert.True(response.Status is 400 or 404 or 405, $"{method} {path} answered {response.Status}");
                Assert.DoesNotContain("victim", response.Text, StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await ArtifactServers.SnapshotAsync(server));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task The_raw_forms_reach_the_server_unaltered(StoreKind kind)
    {
        // Proof that the tests above test the server: a plain encoded name goes up and comes back decoded once.
        var server = await PrepareAsync(kind);
        var root = MlflowArtifactEndpointsTests.NewRoot();

        var put = await RawHttp.SendAsync(server.BaseAddress, "PUT", $"/api/2.0/mlflow-artifacts/artifacts/{root}/a%20b%2525.txt", server.AdminToken, "x"u8.ToArray());
        var list = await RawHttp.SendAsync(server.BaseAddress, "GET", $"/api/2.0/mlflow-artifacts/artifacts?path={root}", server.AdminToken);

        Assert.Equal(200, put.Status);
        Assert.Equal("""{"files":[{"path":"a b%.txt","is_dir":false,"file_size":1}]}""", list.Text);
    }

    private async Task<SlipwayTestServer> PrepareAsync(StoreKind kind)
    {
        var server = await servers.GetAsync(kind);
        await ArtifactServers.PlantVictimAsync(server);
        await MlflowArtifactEndpointsTests.PutTextAsync(server, "0/a/kept.txt", "kept");
        return server;
    }

    private static async Task AssertInvalidAsync(SlipwayTestServer server, string method, string target, byte[]? body = null)
    {
        var response = await RawHttp.SendAsync(server.BaseAddress, method, target, server.AdminToken, body);

        Assert.True(response.Status == 400, $"{method} {target} answered {response.Status}: {response.Text}");
        if (response.Body.Length == 0 && target.Contains("%00", StringComparison.Ordinal))
        {
            return; // Kestrel itself refuses a NUL in the path, before any middleware runs.
        }

        using var error = JsonDocument.Parse(response.Text);
        Assert.Equal(MlflowErrorCode.InvalidParameterValue, error.RootElement.GetProperty("error_code").GetString());
        Assert.StartsWith("Invalid path", error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
