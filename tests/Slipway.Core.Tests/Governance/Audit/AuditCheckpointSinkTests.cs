using Amazon.S3;
using Amazon.S3.Model;
using Slipway.Tests;
using static Slipway.Core.Tests.Governance.Audit.AuditTestSupport;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>Checkpoints also go to a bucket (governance.md §8.4); a bucket that is down delays the push, never a change (§8.7 item 7).</summary>
public sealed class AuditCheckpointSinkTests
{
    [Fact]
    public async Task Each_checkpoint_is_pushed_to_the_bucket_and_one_that_failed_is_pushed_on_the_next_pass()
    {
        if (!TestEnvironment.HasS3)
        {
            return;
        }

        var bucket = "slipway-cp-" + Guid.NewGuid().ToString("N")[..16];
        var settings = new Dictionary<string, string?>(await TestS3.CreateBucketSettingsAsync())
        {
            ["Storage:Provider"] = "Local",
            ["Audit:CheckpointBucket"] = bucket,
            ["Audit:CheckpointPrefix"] = "audit/cp/",
        };
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: settings);
        using var s3 = TestS3.CreateClient();

        // The bucket does not exist yet: the checkpoint is written and changes go on; the push waits.
        await CreateModelsAsync(server, 2, "a");
        var first = await (await server.Client.PostAsync("api/v1/audit/checkpoints", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        await CreateModelsAsync(server, 1, "b");
        Assert.Contains(server.Logs, l => l.Contains("could not be pushed to bucket " + bucket, StringComparison.Ordinal));

        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        var second = await (await server.Client.PostAsync("api/v1/audit/checkpoints", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        foreach (var checkpoint in new[] { first, second })
        {
            var size = checkpoint.GetProperty("size").GetInt64();
            using var obj = await s3.GetObjectAsync(bucket, $"audit/cp/checkpoint-{size:D12}.txt");
            using var reader = new StreamReader(obj.ResponseStream);
            Assert.Equal(checkpoint.GetProperty("text").GetString(), await reader.ReadToEndAsync());
        }

        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(2, listed.S3Objects.Count);
        Assert.True((await VerifyAsync(server.Client)).GetProperty("ok").GetBoolean());
    }
}
