using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Slipway.Core.Infrastructure.Artifacts;

namespace Slipway.Core.Mlflow;

/// <summary>
/// Streams an artifact file as an attachment (mlflow-rest.md §2.2): the type guessed from the name, never sniffed
/// by the browser, and the length known up front, so nothing is buffered whatever the store.
/// </summary>
internal sealed class ArtifactDownloadResult(OpenedArtifact artifact) : IResult
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        await using var file = artifact.File;
        var name = ArtifactPath.BaseName(artifact.Key);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        response.ContentLength = file.Length;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(name);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        await file.Content.CopyToAsync(response.Body, httpContext.RequestAborted);
    }
}
