using System.Globalization;
using System.Net.Http.Headers;
using Slipway.Contracts;
using Slipway.Contracts.Registry;

namespace Slipway.Client;

/// <summary>
/// The <c>/api/v1/models</c> registry: registered models and versions, model cards and catalog search; versions
/// created from a package file (an <c>.onnx</c> file, an ML.NET <c>.zip</c>, or an MLflow model directory as
/// <c>.zip</c>, <c>.tar</c> or <c>.tar.gz</c>) or imported from a third party with their provenance (uploads are
/// streamed); and a version's stored files and their integrity.
/// </summary>
public sealed class ModelsClient
{
    private const string ModelsPath = "api/v1/models";
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

    /// <summary>One page of registered models; <paramref name="filter"/> uses MLflow's registered-model grammar (e.g. <c>name LIKE 'churn%'</c>).</summary>
    /// <exception cref="SlipwayApiException">400 for an invalid filter or cursor.</exception>
    public Task<Page<RegisteredModelResponse>> ListAsync(string? filter = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(ModelsPath).Add("filter", filter).Add("limit", limit).Add("cursor", cursor);
        return http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.PageRegisteredModelResponse, cancellationToken);
    }

    /// <summary>The registered model <paramref name="name"/> with its tags, aliases and latest version per stage.</summary>
    /// <exception cref="SlipwayApiException">404 when it does not exist.</exception>
    public Task<RegisteredModelResponse> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.GetAsync(ModelPath(name), SlipwayJsonContext.Default.RegisteredModelResponse, cancellationToken);
    }

    /// <summary>One page of the model's live versions, newest first (at most 100 a page).</summary>
    /// <exception cref="SlipwayApiException">404 when the model does not exist.</exception>
    public Task<Page<ModelVersionResponse>> ListVersionsAsync(string name, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var uri = new QueryString(ModelPath(name) + "/versions").Add("limit", limit).Add("cursor", cursor);
        return http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.PageModelVersionResponse, cancellationToken);
    }

    /// <summary>One version, with its files' SHA-256 digests.</summary>
    /// <exception cref="SlipwayApiException">404 when the model or version does not exist.</exception>
    public Task<ModelVersionResponse> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.GetAsync(VersionPath(name, version), SlipwayJsonContext.Default.ModelVersionResponse, cancellationToken);
    }

    /// <summary>The version that <paramref name="alias"/> points at.</summary>
    /// <exception cref="SlipwayApiException">404 when the model or the alias does not exist.</exception>
    public Task<ModelVersionResponse> GetByAliasAsync(string name, string alias, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return http.GetAsync($"{ModelPath(name)}/aliases/{Uri.EscapeDataString(alias)}", SlipwayJsonContext.Default.ModelVersionResponse, cancellationToken);
    }

    /// <summary>The version's model card.</summary>
    /// <exception cref="SlipwayApiException">404 when the model or version does not exist.</exception>
    public Task<ModelCardResponse> GetCardAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.GetAsync(VersionPath(name, version) + "/card", SlipwayJsonContext.Default.ModelCardResponse, cancellationToken);
    }

    /// <summary>The version's model card rendered as Markdown.</summary>
    /// <exception cref="SlipwayApiException">404 when the model or version does not exist.</exception>
    public async Task<string> GetCardMarkdownAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var request = new HttpRequestMessage(HttpMethod.Get, VersionPath(name, version) + "/card?format=markdown");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches the catalog; facet counts and the total cover every match, not only the page.</summary>
    /// <exception cref="SlipwayApiException">400 for an invalid filter or cursor.</exception>
    public Task<CatalogSearchResponse> SearchAsync(CatalogQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new CatalogQuery();
        var uri = new QueryString("api/v1/catalog/search")
            .Add("q", query.Text)
            .AddEach("tag", query.Tags)
            .AddEach("metric", query.Metrics)
            .Add("flavor", query.Flavor)
            .Add("origin", query.Origin)
            .Add("stage", query.Stage)
            .Add("include_archived", query.IncludeArchived ? "true" : null)
            .AddEach("facet_tag", query.FacetTags)
            .Add("limit", query.Limit)
            .Add("page_token", query.Cursor);
        return http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.CatalogSearchResponse, cancellationToken);
    }

    private static string ModelPath(string name) => $"{ModelsPath}/{Uri.EscapeDataString(name)}";

    private static string VersionPath(string name, int version) =>
        $"{ModelPath(name)}/versions/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
