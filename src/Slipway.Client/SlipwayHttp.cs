using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Slipway.Client;

/// <summary>Sends requests with the token, and turns error answers of either API into <see cref="SlipwayApiException"/>.</summary>
internal sealed class SlipwayHttp(HttpClient httpClient, string? token)
{
    public async Task<T> GetAsync<T>(string uri, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendForJsonAsync(request, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TResponse> SendJsonAsync<TRequest, TResponse>(
        HttpMethod method, string uri, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body, requestType) };
        return await SendForJsonAsync(request, responseType, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var value = await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
        return value ?? throw new SlipwayApiException(response.StatusCode, null, "The server answered with an empty body.");
    }

    /// <summary>Sends <paramref name="request"/>; the caller disposes the successful response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await httpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<SlipwayApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ErrorBody? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync(SlipwayJsonContext.Default.ErrorBody, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // Not one of our error bodies (a proxy's HTML page, say): the status alone has to do.
        }
        catch (NotSupportedException)
        {
            // A content type that is not JSON.
        }

        var message = FirstNonEmpty(body?.Detail, body?.Message, body?.Error, body?.Title)
            ?? $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        return new SlipwayApiException(response.StatusCode, FirstNonEmpty(body?.Code, body?.SlipwayCode, body?.ErrorCode), message);
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
