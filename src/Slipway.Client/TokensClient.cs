using Slipway.Contracts.Governance;
using Slipway.Contracts.Serving;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/tokens</c> resource: the caller's own tokens (platform admins: every token).</summary>
public sealed class TokensClient
{
    private const string Path = "api/v1/tokens";
    private readonly SlipwayHttp http;

    internal TokensClient(SlipwayHttp http) => this.http = http;

    /// <summary>The caller's tokens, revoked and expired ones included; never their secrets.</summary>
    /// <exception cref="SlipwayApiException">401 without a valid token.</exception>
    public async Task<IReadOnlyList<TokenResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path, SlipwayJsonContext.Default.ListTokenResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Every token of every owner (platform admins only).</summary>
    /// <exception cref="SlipwayApiException">403 for callers who are not platform admins.</exception>
    public async Task<IReadOnlyList<TokenResponse>> ListAllAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path + "?all=true", SlipwayJsonContext.Default.ListTokenResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates a token owned by the caller as <paramref name="request"/> describes: bound to a workspace, capped at a
    /// maximum permission, expiring at a time (null: the server's default lifetime, 90 days unless configured).
    /// The returned <see cref="CreatedTokenResponse.Secret"/> is the only copy of the secret.
    /// </summary>
    /// <exception cref="SlipwayApiException">400 <c>token_exceeds_owner</c> when the workspace or ceiling is beyond what the caller holds; 409 when the name is taken.</exception>
    public Task<CreatedTokenResponse> CreateScopedAsync(CreateTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return http.SendJsonAsync(
            HttpMethod.Post, Path, request, SlipwayJsonContext.Default.CreateTokenRequest, SlipwayJsonContext.Default.CreatedTokenResponse, cancellationToken);
    }

    /// <summary>
    /// Creates a token owned by service account <paramref name="serviceAccount"/>, bound to a workspace where the
    /// account holds a role (needs MANAGE on that workspace or the <c>manage_tokens</c> capability there).
    /// </summary>
    /// <exception cref="SlipwayApiException">400 <c>token_exceeds_owner</c>; 404 when no service account has the name.</exception>
    public Task<CreatedTokenResponse> CreateForServiceAccountAsync(string serviceAccount, CreateTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceAccount);
        ArgumentNullException.ThrowIfNull(request);
        return http.SendJsonAsync(
            HttpMethod.Post, $"api/v1/service-accounts/{Uri.EscapeDataString(serviceAccount)}/tokens", request,
            SlipwayJsonContext.Default.CreateTokenRequest, SlipwayJsonContext.Default.CreatedTokenResponse, cancellationToken);
    }

    /// <summary>
    /// Creates a token named <paramref name="name"/> that expires at <paramref name="expiresAt"/> (null: the server's default lifetime).
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
    /// <exception cref="SlipwayApiException">404 when the caller owns no token with that name or id (platform admins: none exists).</exception>
    public Task<TokenResponse> RevokeAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        var request = new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(nameOrId)}");
        return SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Sets the serving limits of token <paramref name="tokenId"/> (all fields replaced; null clears one): tiers, token
    /// bucket and daily quotas. Needs the <c>manage_quotas</c> capability in the token's workspace (platform admins: any token).
    /// </summary>
    /// <exception cref="SlipwayApiException">403 without manage_quotas; 404 when no token of the workspace has the id; 400 for a default tier above the maximum or a non-positive rate, burst or quota.</exception>
    public Task<TokenResponse> SetLimitsAsync(long tokenId, TokenLimitsRequest limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return http.SendJsonAsync(
            HttpMethod.Put, $"{Path}/{tokenId}/limits", limits, SlipwayJsonContext.Default.TokenLimitsRequest, SlipwayJsonContext.Default.TokenResponse, cancellationToken);
    }

    private async Task<TokenResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
        }
    }
}
