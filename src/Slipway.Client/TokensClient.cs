using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/tokens</c> resource. Every call needs the Admin permission.</summary>
public sealed class TokensClient
{
    private const string Path = "api/v1/tokens";
    private readonly SlipwayHttp http;

    internal TokensClient(SlipwayHttp http) => this.http = http;

    /// <summary>Every token, revoked and expired ones included; never their secrets.</summary>
    /// <exception cref="SlipwayApiException">401 without a valid token, 403 without the Admin permission.</exception>
    public async Task<IReadOnlyList<TokenResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path, SlipwayJsonContext.Default.ListTokenResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates a token named <paramref name="name"/> that expires at <paramref name="expiresAt"/> (never when null).
    /// The returned <see cref="CreatedTokenResponse.Secret"/> is the only copy of the secret: the server keeps a hash.
    /// </summary>
    /// <exception cref="SlipwayApiException">409 when a token with the name exists, 400 for an invalid name or a past expiry.</exception>
    public Task<CreatedTokenResponse> CreateAsync(string name, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var request = new CreateTokenRequest(name, expiresAt?.ToUnixTimeMilliseconds());
        return http.SendJsonAsync(
            HttpMethod.Post, Path, request, SlipwayJsonContext.Default.CreateTokenRequest, SlipwayJsonContext.Default.CreatedTokenResponse, cancellationToken);
    }

    /// <summary>Revokes the token with the name or numeric id <paramref name="nameOrId"/>; requests that carry it get 401 from then on.</summary>
    /// <exception cref="SlipwayApiException">404 when no token has that name or id.</exception>
    public Task<TokenResponse> RevokeAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(nameOrId)}");
        return SendAsync(request, cancellationToken);
    }

    private async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
        }
    }
}
