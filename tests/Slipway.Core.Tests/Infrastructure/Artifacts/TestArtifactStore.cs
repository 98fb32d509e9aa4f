using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Tests;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

/// <summary>A fresh store: a local one in a new temporary directory, or an S3 one on a new bucket.</summary>
internal sealed class TestArtifactStore : IAsyncDisposable
{
    public const long SmallestPartSize = 5 * 1024 * 1024;

    private readonly string? directory;

    private TestArtifactStore(IArtifactStore store, string? directory, string? bucket)
    {
        Store = store;
        this.directory = directory;
        Bucket = bucket;
    }

    public IArtifactStore Store { get; }

    /// <summary>The S3 store's bucket; null for a local store.</summary>
    public string? Bucket { get; }

    public LocalArtifactStore Local => (LocalArtifactStore)Store;

    public static async Task<TestArtifactStore> CreateAsync(StoreKind kind, long partSize = SmallestPartSize)
    {
        if (kind == StoreKind.Local)
        {
            var directory = Directory.CreateTempSubdirectory("slipway-store-").FullName;
            var storage = new StorageOptions { Local = { Root = Path.Combine(directory, "artifacts") } };
            return new TestArtifactStore(new LocalArtifactStore(Options.Create(storage), Options.Create(new SlipwayOptions { DataDir = directory })), directory, null);
        }

        var settings = await TestS3.CreateBucketSettingsAsync();
        var s3 = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(StorageOptions.SectionName).Get<StorageOptions>()!;
        s3.S3.MultipartThresholdBytes = partSize;
        return new TestArtifactStore(new S3ArtifactStore(Options.Create(s3), NullLogger<S3ArtifactStore>.Instance), null, s3.S3.Bucket);
    }

    /// <summary>What an interrupted write could leave behind: staging files, or multipart uploads still open.</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        if (directory is not null)
        {
            var staging = Local.StagingDirectory;
            return Directory.Exists(staging) ? Directory.GetFileSystemEntries(staging) : [];
        }

        using var client = TestS3.CreateClient();
        var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = Bucket });
        return (uploads.MultipartUploads ?? []).Select(u => u.Key).ToList();
    }

    /// <summary>Every object key in the bucket, or every file under the local data directory.</summary>
    public async Task<IReadOnlyList<string>> AllKeysAsync()
    {
        if (directory is not null)
        {
            return Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        }

        using var client = TestS3.CreateClient();
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Bucket };
        do
        {
            var response = await client.ListObjectsV2Async(request);
            keys.AddRange((response.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);
        return keys;
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is IDisposable disposable)
        {
            disposable.Dispose();
        }

        if (directory is not null)
        {
            Directory.Delete(directory, recursive: true);
            return;
        }

        // Drop the objects so the S3 test server does not hold every test's bytes in memory.
        using var client = TestS3.CreateClient();
        foreach (var key in await AllKeysAsync())
        {
            await client.DeleteObjectAsync(Bucket, key);
        }

        await client.DeleteBucketAsync(Bucket);
    }
}
