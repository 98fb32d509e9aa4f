using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Registry.Storage;

namespace Slipway.Core.Mlflow;

/// <summary>
/// Streams a registry file like <see cref="ArtifactDownloadResult"/>, checking it against the size and SHA-256
/// recorded at registration. The last chunk is held back until the digest is known: a corrupt file that fits in
/// one chunk gets a 500 <c>DATA_LOSS</c> error body before anything is sent; a larger one has its connection
/// aborted short of the declared Content-Length, which every HTTP client reports as a failed download. Either way
/// <c>INTEGRITY_FAILED</c> is recorded and no client receives the whole of a corrupt file.
/// </summary>
internal sealed class VerifiedDownloadResult(OpenedRegistryFile opened) : IResult
{
    public const string DataLoss = "DATA_LOSS";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var expected = opened.Expected;
        await using var file = opened.Artifact.File;
        var cancellationToken = httpContext.RequestAborted;
        using var hashing = new ArtifactHashing();
        var held = ArrayPool<byte>.Shared.Rent(ArtifactHashing.BufferSize);
        var next = ArrayPool<byte>.Shared.Rent(ArtifactHashing.BufferSize);
        try
        {
            var started = false;
            var heldCount = file.Length == expected.Size ? await ReadChunkAsync(file.Content, held, cancellationToken) : -1;
            while (heldCount >= 0 && hashing.Size + heldCount <= expected.Size)
            {
                var read = await ReadChunkAsync(file.Content, next, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                if (!started)
                {
                    Start(httpContext.Response);
                    started = true;
                }

                hashing.Append(held.AsSpan(0, heldCount));
                await httpContext.Response.Body.WriteAsync(held.AsMemory(0, heldCount), cancellationToken);
                (held, next) = (next, held);
                heldCount = read;
            }

            if (heldCount >= 0)
            {
                hashing.Append(held.AsSpan(0, heldCount));
            }

            var sha256 = hashing.Finish();
            if (heldCount < 0 || hashing.Size != expected.Size || !string.Equals(sha256, expected.Sha256, StringComparison.Ordinal))
            {
                await FailAsync(httpContext, started, heldCount < 0 ? file.Length : hashing.Size, heldCount < 0 ? null : sha256);
                return;
            }

            if (!started)
            {
                Start(httpContext.Response);
            }

            await httpContext.Response.Body.WriteAsync(held.AsMemory(0, heldCount), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(held);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    private async Task FailAsync(HttpContext httpContext, bool started, long actualSize, string? actualSha256)
    {
        var expected = opened.Expected;
        var failures = httpContext.RequestServices.GetRequiredService<IntegrityFailures>();
        await failures.RecordAsync(opened.RegisteredModelId, opened.Version, "download",
            [new IntegrityMismatch(expected.Path, expected.Size, expected.Sha256, actualSize, actualSha256)]);
        if (started)
        {
            // Headers and most of the body are gone: cutting the connection short of Content-Length is the only signal left.
            httpContext.Abort();
            return;
        }

        await MlflowResults.Error(DataLoss,
                $"File '{expected.Path}' of this model version does not match the SHA-256 recorded at registration; the stored copy is corrupt and is not served.",
                StatusCodes.Status500InternalServerError)
            .ExecuteAsync(httpContext);
    }

    private void Start(HttpResponse response)
    {
        var name = ArtifactPath.BaseName(opened.Artifact.Key);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        response.ContentLength = opened.Expected.Size;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the stream allows, so a chunk is short only at the end.</summary>
    private static async Task<int> ReadChunkAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < ArtifactHashing.BufferSize)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total, ArtifactHashing.BufferSize - total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
