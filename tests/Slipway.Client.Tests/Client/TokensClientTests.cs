using System.Net;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Client;

public sealed class TokensClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_created_token_works_is_listed_without_its_secret_and_gets_401_once_revoked()
    {
        var name = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(4_102_444_800_000); // 2100-01-01
        var created = await fixture.Client.Tokens.CreateAsync(name, expiresAt);
        using var http = fixture.Server.CreateClient(token: null);
        var asNewToken = new SlipwayClient(http, created.Secret);

        await asNewToken.Experiments.ListAsync();
        var listed = Assert.Single(await fixture.Client.Tokens.ListAsync(), t => t.Name == name);
        Assert.Equal(created.Token.Id, listed.Id);
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), listed.ExpiresAt);
        Assert.StartsWith(listed.Prefix, created.Secret, StringComparison.Ordinal);
        Assert.True(listed.Prefix.Length < created.Secret.Length / 2);

        var revoked = await fixture.Client.Tokens.RevokeAsync(name);
        Assert.NotNull(revoked.RevokedAt);

        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => asNewToken.Experiments.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("unauthenticated", error.Code);
    }

    [Fact]
    public async Task A_token_is_revoked_by_id_too()
    {
        var created = await fixture.Client.Tokens.CreateAsync("by-id-" + Guid.NewGuid().ToString("N")[..8]);

        var revoked = await fixture.Client.Tokens.RevokeAsync(created.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(created.Token.Name, revoked.Name);
        Assert.NotNull(revoked.RevokedAt);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_a_404()
    {
        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Tokens.RevokeAsync("no-such-token"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Calls_without_a_token_are_a_401()
    {
        using var http = fixture.Server.CreateClient(token: null);

        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => new SlipwayClient(http).Tokens.ListAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_server_is_an_HttpRequestException_without_a_status()
    {
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:1/") };

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new SlipwayClient(http, "slw_x").Tokens.ListAsync());

        Assert.Null(error.StatusCode);
    }
}
