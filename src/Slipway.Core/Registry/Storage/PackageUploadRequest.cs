using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Reads a package upload without buffering it: either a raw body (the file name in <c>?filename=</c> or a
/// <c>Content-Disposition</c> header) or <c>multipart/form-data</c> with one file part. Metadata comes from the
/// query string and, in a multipart body, from form fields placed before the file part.
/// </summary>
internal static class PackageUploadRequest
{
    private const int MaxFieldBytes = 100_000;

    /// <summary>Calls <paramref name="onFile"/> with the file name, the streamed content and the metadata fields.</summary>
    public static async Task<Result<T>> ReadAsync<T>(
        HttpContext context, Func<string?, Stream, IReadOnlyList<KeyValuePair<string, string>>, Task<Result<T>>> onFile, CancellationToken cancellationToken)
    {
        // Packages are streamed to disk and capped by Registry:Packages:MaxBytes, not by Kestrel's 30 MB default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var request = context.Request;
        var fields = request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var fileName = fields.FirstOrDefault(f => f.Key == "filename").Value;
            if (fileName is null && ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
            {
                fileName = FileNameOf(disposition);
            }

            return await onFile(fileName, request.Body, fields);
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Error.Invalid("The multipart body has no boundary.", "package");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (FileNameOf(disposition) is { } fileName)
            {
                return await onFile(fileName, section.Body, fields);
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var value = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (value.Length + read > MaxFieldBytes)
                {
                    return Error.Invalid($"Form field '{name}' is longer than {MaxFieldBytes} bytes.", name);
                }

                value.Write(buffer, 0, read);
            }

            fields.Add(new KeyValuePair<string, string>(name, System.Text.Encoding.UTF8.GetString(value.ToArray())));
        }

        return Error.Invalid("The multipart body has no file part; send the package as a part with a filename.", "package");
    }

    private static string? FileNameOf(ContentDispositionHeaderValue disposition) =>
        disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value
        : disposition.FileName.HasValue ? HeaderUtilities.RemoveQuotes(disposition.FileName).Value
        : null;
}
