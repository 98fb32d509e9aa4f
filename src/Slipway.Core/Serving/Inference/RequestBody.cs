using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Slipway.Core.Serving.Inference;

/// <summary>
/// Reads an inference body whole, refusing it with 413 <c>PAYLOAD_TOO_LARGE</c> as soon as it passes the deployment's
/// <c>max_request_bytes</c> (by <c>Content-Length</c> before reading, or while reading a chunked body).
/// </summary>
internal static class RequestBody
{
    public readonly record struct Body(ReadOnlyMemory<byte> Bytes, ServingError? Error);

    public static async Task<Body> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength is { } length && length > limit)
        {
            return new Body(default, TooLarge(limit));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Kestrel's own cap (30 MB) must not cut a deployment that allows more; our limit is checked below.
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        // A declared length is a claim, not bytes received: start small (growing costs a few copies at most) so that
        // requests announcing the limit and then stalling cannot make the server hold the limit each.
        var initial = context.Request.ContentLength is { } known ? (int)Math.Min(known, InitialBufferBytes) : 4096;
        var buffer = new MemoryStream(initial);
        var chunk = new byte[Math.Min(81920, Math.Max(initial, 1024))];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new Body(default, TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Body(default, TooLarge(limit));
        }

        return new Body(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    private const int InitialBufferBytes = 64 * 1024;

    private static ServingError TooLarge(long limit) =>
        new(413, ServingErrorCodes.PayloadTooLarge, $"The request body is over this deployment's limit of {limit} bytes (limits.max_request_bytes); send fewer rows per request.");
}
