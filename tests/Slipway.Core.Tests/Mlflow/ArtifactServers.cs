using System.Security.Cryptography;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Tests.Infrastructure.Artifacts;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

/// <summary>
/// One server per artifact store, shared by a test class: the local store on SQLite, and the S3 store on
/// PostgreSQL (SQLite without it), so that the artifact_files SQL runs on both databases too.
/// </summary>
public sealed class ArtifactServers : IAsyncLifetime
{
    private readonly Dictionary<StoreKind, Task<SlipwayTestServer>> servers = [];

    public Task<SlipwayTestServer> GetAsync(StoreKind kind)
    {
        lock (servers)
        {
            if (!servers.TryGetValue(kind, out var server))
            {
                server = kind == StoreKind.Local
                    ? SlipwayTestServer.StartAsync(Provider.Sqlite)
                    : SlipwayTestServer.StartAsync(TestEnvironment.HasPostgres ? Provider.Postgres : Provider.Sqlite, s3: true);
                servers[kind] = server;
            }

            return server;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in servers.Values)
        {
            await (await server).DisposeAsync();
        }
    }

    /// <summary>
    /// Everything a request could have changed: each stored object or file (the data directory for the local
    /// store, the whole bucket for S3) with its hash, and every artifact_files row.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SnapshotAsync(SlipwayTestServer server)
    {
        var state = new List<string>();
        var storage = server.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.S3)
        {
            using var client = TestS3.CreateClient();
            var request = new ListObjectsV2Request { BucketName = storage.S3.Bucket };
            do
            {
                var response = await client.ListObjectsV2Async(request);
                state.AddRange((response.S3Objects ?? []).Select(o => $"s3 {o.Key} {o.ETag}"));
                request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
            }
            while (request.ContinuationToken is not null);
        }
        else
        {
            foreach (var file in Directory.GetFiles(server.DataDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(file).StartsWith("slipway.db", StringComparison.Ordinal))
                {
                    state.Add($"file {Path.GetRelativePath(server.DataDir, file)} {Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)))}");
                }
            }
        }

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        state.AddRange((await db.ArtifactFiles.OrderBy(f => f.Path).ToListAsync()).Select(f => $"row {f.Path} {f.Size} {f.Sha256} {f.UpdatedAt}"));
        return state;
    }

    /// <summary>Uploads under way: files in the local staging directory, or multipart uploads open in the bucket.</summary>
    public static async Task<IReadOnlyList<string>> UnfinishedUploadsAsync(SlipwayTestServer server)
    {
        var storage = server.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.S3)
        {
            using var client = TestS3.CreateClient();
            var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = storage.S3.Bucket });
            return (uploads.MultipartUploads ?? []).Select(u => u.Key).ToList();
        }

        var staging = server.Services.GetRequiredService<LocalArtifactStore>().StagingDirectory;
        return Directory.Exists(staging) ? Directory.GetFiles(staging) : [];
    }

    /// <summary>A file outside the artifact root (local) or outside the key prefix (S3), which no request may touch.</summary>
    public static async Task PlantVictimAsync(SlipwayTestServer server)
    {
        var storage = server.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.S3)
        {
            using var client = TestS3.CreateClient();
            await client.PutObjectAsync(new PutObjectRequest { BucketName = storage.S3.Bucket, Key = "victim.txt", ContentBody = "victim" });
        }
        else
        {
            await File.WriteAllTextAsync(Path.Combine(server.DataDir, "victim.txt"), "victim");
        }
    }
}
