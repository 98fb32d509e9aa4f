using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// Pushes each checkpoint note to <c>Audit:CheckpointBucket</c> (with Object Lock, a copy no database
/// administrator can rewrite), over the S3 connection of <c>Storage:S3</c>. A push that fails is logged and
/// retried on the next checkpoint pass, oldest first; it never blocks a change (governance.md §8.7 item 7), since
/// the database stays the source of truth. What the bucket already holds is listed once per process.
/// </summary>
public sealed class AuditCheckpointSink : IDisposable
{
    private readonly AmazonS3Client? client;
    private readonly string bucket;
    private readonly string prefix;
    private readonly ILogger<AuditCheckpointSink> logger;
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Every checkpoint up to this size is in the bucket; -1 until the bucket has been listed.</summary>
    private long pushedThrough = -1;

    public AuditCheckpointSink(IOptions<AuditOptions> options, IOptions<StorageOptions> storage, ILogger<AuditCheckpointSink> logger)
    {
        bucket = options.Value.CheckpointBucket ?? "";
        var trimmed = options.Value.CheckpointPrefix.Trim('/');
        prefix = trimmed.Length == 0 ? "" : trimmed + "/";
        client = bucket.Length == 0 ? null : S3ArtifactStore.CreateClient(storage.Value.S3);
        this.logger = logger;
    }

    public string KeyFor(long size) => $"{prefix}checkpoint-{size:D12}.txt";

    public async Task PushPendingAsync(SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            var present = pushedThrough < 0 ? await ListAsync(cancellationToken) : null;
            if (present is null && pushedThrough < 0)
            {
                return;
            }

            var after = Math.Max(pushedThrough, 0);
            var pending = await db.AuditCheckpoints.AsNoTracking().Where(c => c.Size > after).OrderBy(c => c.Size).ToListAsync(cancellationToken);
            foreach (var checkpoint in pending)
            {
                if (present?.Contains(KeyFor(checkpoint.Size)) != true && !await PutAsync(checkpoint, cancellationToken))
                {
                    pushedThrough = Math.Max(pushedThrough, 0);
                    return;
                }

                pushedThrough = checkpoint.Size;
            }

            pushedThrough = Math.Max(pushedThrough, 0);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<bool> PutAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        try
        {
            await client!.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = KeyFor(checkpoint.Size),
                    ContentBody = checkpoint.Text,
                    ContentType = "text/plain; charset=utf-8",
                    UseChunkEncoding = false,
                },
                cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.CheckpointPushFailed(checkpoint.Size, bucket, e);
            return false;
        }
    }

    /// <summary>The keys under the prefix; null when the bucket cannot be reached (retried on the next pass).</summary>
    private async Task<HashSet<string>?> ListAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
            ListObjectsV2Response response;
            do
            {
                response = await client!.ListObjectsV2Async(request, cancellationToken);
                foreach (var o in response.S3Objects ?? [])
                {
                    keys.Add(o.Key);
                }

                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
            return keys;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.CheckpointPushFailed(0, bucket, e);
            return null;
        }
    }

    public void Dispose()
    {
        client?.Dispose();
        gate.Dispose();
    }
}
