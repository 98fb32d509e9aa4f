using System.Globalization;
using System.Net.Http.Headers;
using Slipway.Contracts.Registry;

namespace Slipway.Client;

/// <summary>
/// Registered models' versions through <c>/api/v1/models</c>: create one from a package file (an <c>.onnx</c> file, an
/// ML.NET <c>.zip</c>, or an MLflow model directory as <c>.zip</c>, <c>.tar</c> or <c>.tar.gz</c>), import a
/// third-party one with its provenance, and list or verify a version's stored files. Uploads are streamed.
/// </summary>
public sealed class ModelsClient
{
    private readonly SlipwayHttp http;

    internal ModelsClient(SlipwayHttp http) => this.http = http;

    /// <summary>
    /// Creates the next version of registered model <paramref name="name"/> from <paramref name="content"/>; the
    /// file name's extension says what the package is.
    /// </summary>
    /// <exception cref="SlipwayApiException">404 for an unknown model; 400 for a package that is refused (its <see cref="SlipwayApiException.Code"/> names the rule, e.g. <c>archive_member_unsafe_path</c>).</exception>
    public Task<StoredModelVersionResponse> UploadAsync(string name, Stream content, string fileName, string? description = null, CancellationToken cancellationToken = default) =>
        SendAsync(name, "upload", content, fileName, description, null, cancellationToken);

    /// <summary>As <see cref="UploadAsync"/>, for a third-party model: the version's origin is <c>third_party</c> and it records <paramref name="provenance"/>.</summary>
    /// <exception cref="SlipwayApiException">As for <see cref="UploadAsync"/>; 400 also without an origin or with a source URL that is not http(s).</exception>
    public Task<StoredModelVersionResponse> ImportAsync(
        string name, Stream content, string fileName, ModelProvenance provenance, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return SendAsync(name, "import", content, fileName, description, provenance, cancellationToken);
    }

    /// <summary>The files of a version's registry-owned copy with their sizes and SHA-256 digests.</summary>
    /// <exception cref="SlipwayApiException">404 for an unknown model or version.</exception>
    public async Task<IReadOnlyList<ModelVersionFileResponse>> ListFilesAsync(string name, int version, CancellationToken cancellationToken = default) =>
        await http.GetAsync(VersionPath(name, version) + "/files", SlipwayJsonContext.Default.ListModelVersionFileResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Re-hashes every stored file of a version; a mismatch is reported per file (and recorded by the server as an integrity failure).</summary>
    /// <exception cref="SlipwayApiException">404 for an unknown model or version.</exception>
    public async Task<VersionVerificationResponse> VerifyAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, VersionPath(name, version) + "/verify");
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.VersionVerificationResponse, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StoredModelVersionResponse> SendAsync(
        string name, string route, Stream content, string fileName, string? description, ModelProvenance? provenance, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var query = new QueryString($"api/v1/models/{Uri.EscapeDataString(name)}/versions/{route}")
            .Add("filename", Path.GetFileName(fileName))
            .Add("description", description);
        if (provenance is not null)
        {
            query = query.Add("origin", provenance.Origin).Add("license", provenance.License).Add("author", provenance.Author).Add("source_url", provenance.SourceUrl);
        }

        var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, query.ToString()) { Content = body };
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.StoredModelVersionResponse, cancellationToken).ConfigureAwait(false);
    }

    private static string VersionPath(string name, int version)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"api/v1/models/{Uri.EscapeDataString(name)}/versions/{version.ToString(CultureInfo.InvariantCulture)}";
    }
}
