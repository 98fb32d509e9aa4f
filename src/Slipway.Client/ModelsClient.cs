using Slipway.Contracts;
using Slipway.Contracts.Registry;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/models</c> registry (read side), model cards and catalog search.</summary>
public sealed class ModelsClient
{
    private const string Path = "api/v1/models";
    private readonly SlipwayHttp http;

    internal ModelsClient(SlipwayHttp http) => this.http = http;

    /// <summary>One page of registered models; <paramref name="filter"/> uses MLflow's registered-model grammar (e.g. <c>name LIKE 'churn%'</c>).</summary>
    /// <exception cref="SlipwayApiException">400 for an invalid filter or cursor.</exception>
    public Task<Page<RegisteredModelResponse>> ListAsync(string? filter = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(Path).Add("filter", filter).Add("limit", limit).Add("cursor", cursor);
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

    private static string ModelPath(string name) => $"{Path}/{Uri.EscapeDataString(name)}";

    private static string VersionPath(string name, int version) =>
        $"{ModelPath(name)}/versions/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
