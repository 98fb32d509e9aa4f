using Amazon.S3.Model;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Tests;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

/// <summary>What the S3 store adds to the contract: the key prefix, the SHA-256 metadata, and real multipart uploads.</summary>
public sealed class S3ArtifactStoreTests
{
    [S3Fact]
    public async Task Objects_live_under_the_prefix_and_carry_their_sha256()
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.S3);
        var stored = await ArtifactStoreTests.WriteTextAsync(test.Store, "0/a.txt", "hello!");

        Assert.Equal(["artifacts/0/a.txt"], await test.AllKeysAsync());
        var metadata = await GetMetadataAsync(test, "artifacts/0/a.txt");
        Assert.Equal(stored.Sha256, metadata.Metadata[S3ArtifactStore.Sha256MetadataKey]);
    }

    [S3Fact]
    public async Task A_large_file_becomes_one_object_made_of_parts()
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.S3, TestArtifactStore.SmallestPartSize);
        var bytes = TestStreams.Bytes((int)(2.5 * TestArtifactStore.SmallestPartSize));

        await test.Store.WriteAsync("0/big.bin", new MemoryStream(bytes), CancellationToken.None);

        var metadata = await GetMetadataAsync(test, "artifacts/0/big.bin");
        Assert.EndsWith("-3\"", metadata.ETag, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, metadata.ContentLength);
    }

    private static async Task<GetObjectMetadataResponse> GetMetadataAsync(TestArtifactStore test, string key)
    {
        using var client = TestS3.CreateClient();
        return await client.GetObjectMetadataAsync(test.Bucket, key);
    }
}
