using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// Artifacts in an S3-compatible bucket under <c>Storage:S3:Prefix</c>. A file smaller than
/// <c>MultipartThresholdBytes</c> is one PutObject; a larger one a multipart upload in parts of that size, which
/// is aborted on any failure, so an object only ever appears whole. At most one part is held in memory.
/// </summary>
internal sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    /// <summary>The user metadata key (<c>x-amz-meta-sha256</c>) of a single-request upload's SHA-256.</summary>
    public const string Sha256MetadataKey = "sha256";

    private const int DeleteBatchSize = 1000;

    private readonly AmazonS3Client client;
    private readonly string bucket;
    private readonly string prefix;
    private readonly long partSize;
    private readonly ILogger<S3ArtifactStore> logger;

    public S3ArtifactStore(IOptions<StorageOptions> storage, ILogger<S3ArtifactStore> logger)
    {
        var options = storage.Value.S3;
        client = CreateClient(options);
        bucket = options.Bucket ?? throw new InvalidOperationException("Storage:S3:Bucket is required.");
        var trimmed = options.Prefix.Trim('/');
        prefix = trimmed.Length == 0 ? "" : trimmed + "/";
        partSize = options.MultipartThresholdBytes;
        this.logger = logger;
    }

    public async Task<StoredArtifact> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        using var hashing = new ArtifactHashing();
        using var part = new MemoryStream();
        if (await hashing.FillAsync(content, part, partSize, cancellationToken))
        {
            return await WriteMultipartAsync(key, content, hashing, part, cancellationToken);
        }

        var sha256 = hashing.Finish();
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = ObjectKey(key),
            InputStream = View(part),
            AutoCloseStream = true,
            // Plain (non aws-chunked) bodies: some S3-compatible servers (s3rver) store chunk signatures verbatim.
            UseChunkEncoding = false,
        };
        request.Metadata.Add(Sha256MetadataKey, sha256);
        await client.PutObjectAsync(request, cancellationToken);
        return new StoredArtifact(key, hashing.Size, sha256);
    }

    public async Task<ArtifactReadStream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(bucket, ObjectKey(key), cancellationToken);
            return new ArtifactReadStream(response.ResponseStream, response.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ArtifactEntry>?> ListAsync(string directoryKey, CancellationToken cancellationToken)
    {
        var listed = directoryKey.Length == 0 ? prefix : ObjectKey(directoryKey) + "/";
        var entries = new List<ArtifactEntry>();
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = listed, Delimiter = "/" };
        do
        {
            var response = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var directory in response.CommonPrefixes ?? [])
            {
                var name = directory[listed.Length..^1];
                if (ArtifactPath.IsSafeName(name))
                {
                    entries.Add(new ArtifactEntry(name, IsDirectory: true, Size: null));
                }
            }

            foreach (var file in response.S3Objects ?? [])
            {
                // An empty name is a "directory marker" object some tools create; it is not a file.
                var name = file.Key[listed.Length..];
                if (name.Length > 0 && ArtifactPath.IsSafeName(name))
                {
                    entries.Add(new ArtifactEntry(name, IsDirectory: false, file.Size ?? 0));
                }
            }

            request.ContinuationToken = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (request.ContinuationToken is not null);

        if (entries.Count == 0)
        {
            return null;
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        await client.DeleteObjectAsync(bucket, objectKey, cancellationToken);

        // Each round lists from the start: what the previous round deleted is gone, so no continuation token is needed.
        var listing = new ListObjectsV2Request { BucketName = bucket, Prefix = objectKey + "/", MaxKeys = DeleteBatchSize };
        while (true)
        {
            var response = await client.ListObjectsV2Async(listing, cancellationToken);
            if (response.S3Objects is not { Count: > 0 } objects)
            {
                return;
            }

            var deleted = await client.DeleteObjectsAsync(
                new DeleteObjectsRequest
                {
                    BucketName = bucket,
                    Objects = objects.ConvertAll(o => new KeyVersion { Key = o.Key }),
                    Quiet = true,
                },
                cancellationToken);
            if (deleted.DeleteErrors is { Count: > 0 } errors)
            {
                throw new IOException($"S3 refused to delete {errors.Count} objects: {errors[0].Code} {errors[0].Message}");
            }
        }
    }

    public void Dispose() => client.Dispose();

    private async Task<StoredArtifact> WriteMultipartAsync(
        string key, Stream content, ArtifactHashing hashing, MemoryStream part, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        var upload = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = objectKey }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            while (part.Length > 0)
            {
                var partNumber = parts.Count + 1;
                var uploaded = await client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = objectKey,
                        UploadId = upload.UploadId,
                        PartNumber = partNumber,
                        InputStream = View(part),
                        PartSize = part.Length,
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(partNumber, uploaded.ETag));
                part.SetLength(0);
                await hashing.FillAsync(content, part, partSize, cancellationToken);
            }

            // The SHA-256 is known only now, after the metadata was fixed by the initiate request; rewriting the
            // object to add it would copy every byte again, so it is recorded in artifact_files only.
            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = objectKey, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken);
            return new StoredArtifact(key, hashing.Size, hashing.Finish());
        }
        catch
        {
            await AbortAsync(objectKey, upload.UploadId);
            throw;
        }
    }

    private async Task AbortAsync(string objectKey, string uploadId)
    {
        try
        {
            // CancellationToken.None: the abort must run even when the upload was cancelled, or parts linger (and cost).
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = objectKey, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Never let a failed abort hide the failure that caused it.
            ArtifactsLog.MultipartAbortFailed(logger, uploadId, e);
        }
    }

    private string ObjectKey(string key) => prefix + key;

    /// <summary>A read-only view of the buffered bytes that the SDK may dispose without touching the buffer.</summary>
    private static MemoryStream View(MemoryStream buffer) => new(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false);

    /// <summary>A client for the configured S3-compatible server; the audit checkpoint sink shares this setup.</summary>
    internal static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Only the checksums S3 requires (DeleteObjects): many S3-compatible servers reject the newer default trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }
}
