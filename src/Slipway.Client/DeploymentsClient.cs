using System.Net.Http.Headers;
using Slipway.Contracts.Serving;

namespace Slipway.Client;

/// <summary>
/// The <c>/api/v1/deployments</c> resource (a deployment's name, routes, limits and live route state) and the inference
/// paths that call one (<see cref="PredictAsync"/>).
/// </summary>
public sealed class DeploymentsClient
{
    private const string Path = "api/v1/deployments";
    private readonly SlipwayHttp http;

    internal DeploymentsClient(SlipwayHttp http) => this.http = http;

    /// <summary>The deployments of the caller's workspace that the caller may read, by name.</summary>
    public async Task<IReadOnlyList<DeploymentResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        (await http.GetAsync(Path, SlipwayJsonContext.Default.DeploymentsResponse, cancellationToken).ConfigureAwait(false)).Deployments;

    /// <summary>One deployment with each route's state.</summary>
    /// <exception cref="SlipwayApiException">404 when the workspace has no deployment <paramref name="name"/>; 403 without READ on it.</exception>
    public Task<DeploymentResponse> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.GetAsync(Named(name), SlipwayJsonContext.Default.DeploymentResponse, cancellationToken);
    }

    /// <summary>Creates a deployment (needs EDIT on deployments in the workspace; the creator then holds MANAGE on it).</summary>
    /// <exception cref="SlipwayApiException">400 with the failed rule's code (<c>target_version_not_servable</c>, <c>out_of_range</c>, …); 409 when the name is taken.</exception>
    public Task<DeploymentResponse> CreateAsync(DeploymentSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return http.SendJsonAsync(HttpMethod.Post, Path, spec, SlipwayJsonContext.Default.DeploymentSpec, SlipwayJsonContext.Default.DeploymentResponse, cancellationToken);
    }

    /// <summary>
    /// Creates a deployment from a document as written by hand: JSON (<paramref name="mediaType"/> <c>application/json</c>)
    /// or the serving spec's YAML (<c>application/yaml</c>, where <c>deployment:</c> may give the name).
    /// </summary>
    public Task<DeploymentResponse> CreateFromDocumentAsync(string document, string mediaType, CancellationToken cancellationToken = default) =>
        SendDocumentAsync(HttpMethod.Post, Path, document, mediaType, cancellationToken);

    /// <summary>Replaces deployment <paramref name="spec"/>'s <c>Name</c> with <paramref name="spec"/> (needs EDIT on it); the name cannot change.</summary>
    /// <exception cref="SlipwayApiException">404 when absent; 400 as for create; 409 when changed concurrently.</exception>
    public Task<DeploymentResponse> UpdateAsync(DeploymentSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return http.SendJsonAsync(
            HttpMethod.Put, Named(spec.Name), spec, SlipwayJsonContext.Default.DeploymentSpec, SlipwayJsonContext.Default.DeploymentResponse, cancellationToken);
    }

    /// <summary>Replaces deployment <paramref name="name"/> from a JSON or YAML document (see <see cref="CreateFromDocumentAsync"/>).</summary>
    public Task<DeploymentResponse> UpdateFromDocumentAsync(string name, string document, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return SendDocumentAsync(HttpMethod.Put, Named(name), document, mediaType, cancellationToken);
    }

    /// <summary>Deletes a deployment (needs MANAGE on it); its versions are no longer held.</summary>
    /// <exception cref="SlipwayApiException">404 when absent; 403 without MANAGE.</exception>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var request = new HttpRequestMessage(HttpMethod.Delete, Named(name));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Calls deployment <paramref name="deployment"/> with <paramref name="body"/> as is, through
    /// <paramref name="protocol"/> (<c>POST /mlflow/{dep}/invocations</c>, <c>/v2/models/{dep}/infer</c> or
    /// <c>/v1/models/{dep}:predict</c>), and returns the raw answer with the response metadata headers. Needs USE on
    /// the deployment.
    /// </summary>
    /// <exception cref="SlipwayApiException">The serving error: 400 with the validation code (<c>INPUT_MISSING</c>, …), 404, 413, 429, 503, 504.</exception>
    public async Task<PredictionResult> PredictAsync(
        string deployment, string body, InferenceProtocol protocol = InferenceProtocol.Mlflow, PredictOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deployment);
        ArgumentNullException.ThrowIfNull(body);
        options ??= new PredictOptions();
        var name = Uri.EscapeDataString(deployment);
        var uri = protocol switch
        {
            InferenceProtocol.V2 => options.Version is { } v ? $"v2/models/{name}/versions/{v}/infer" : $"v2/models/{name}/infer",
            InferenceProtocol.V1 => $"v1/models/{name}:predict",
            _ => $"mlflow/{name}/invocations",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(options.ContentType);
        if (options.Version is { } version && protocol != InferenceProtocol.V2)
        {
            request.Headers.Add(PredictionResult.TargetVersionHeader, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (options.Priority is { } priority)
        {
            request.Headers.Add(PredictionResult.PriorityHeader, priority);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return PredictionResult.From(response, text);
    }

    private async Task<DeploymentResponse> SendDocumentAsync(HttpMethod method, string uri, string document, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        using var request = new HttpRequestMessage(method, uri) { Content = new StringContent(document) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.DeploymentResponse, cancellationToken).ConfigureAwait(false);
    }

    private static string Named(string name) => $"{Path}/{Uri.EscapeDataString(name)}";
}
