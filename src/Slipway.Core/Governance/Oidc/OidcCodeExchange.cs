using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// Redeems an authorization code at the token endpoint (RFC 6749 §4.1.3) with the PKCE verifier, authenticating with
/// client_secret_basic, and answers the ID token. Redirects are not followed and the provider's error description is
/// not passed on: only its error code.
/// </summary>
public sealed class OidcCodeExchange(IOptions<OidcOptions> options, IHttpClientFactory clients)
{
    public const int MaxResponseBytes = 1024 * 1024;

    public async Task<Result<string>> RedeemAsync(string tokenEndpoint, string code, OidcLoginState state, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = state.RedirectUri,
                ["code_verifier"] = state.CodeVerifier,
            }),
        };
        // RFC 6749 §2.3.1: both parts are form-encoded before they are joined and base64-encoded.
        var credentials = Uri.EscapeDataString(settings.ClientId!) + ":" + Uri.EscapeDataString(settings.ClientSecret!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        try
        {
            using var response = await clients.CreateClient(OidcDiscovery.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                return Failed("the token response is too large");
            }

            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            var root = body.RootElement;
            if (!response.IsSuccessStatusCode)
            {
                var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                return Failed($"the token endpoint answered {(int)response.StatusCode}{(error is null ? "" : $" ({Truncate(error)})")}");
            }

            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id_token", out var idToken) && idToken.ValueKind == JsonValueKind.String
                ? idToken.GetString()!
                : Failed("the token response has no id_token");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Failed("the token endpoint could not be reached or answered no JSON");
        }
    }

    private static Error Failed(string reason) =>
        OidcErrors.Unauthenticated(OidcErrors.CodeExchangeFailed, $"The authorization code could not be redeemed: {reason}.");

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];
}
