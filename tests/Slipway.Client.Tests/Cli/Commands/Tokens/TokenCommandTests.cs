using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Tokens;

public sealed class TokenCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task Create_prints_the_secret_once_list_never_does_and_a_revoked_token_is_refused()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var admin = Cli;

        var created = (await admin.RunAsync("token", "create", name, "--expires-in", "30d")).AssertExit(ExitCodes.Success);
        var secret = created.Stdout.Trim();
        Assert.DoesNotContain('\n', secret);
        Assert.StartsWith("slw_", secret, StringComparison.Ordinal);
        Assert.Contains("only this once", created.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, created.Stderr, StringComparison.Ordinal);

        var expected = admin.Time.GetUtcNow().AddDays(30).ToUnixTimeMilliseconds();
        var listed = Assert.Single(await fixture.Client.Tokens.ListAsync(), t => t.Name == name);
        Assert.Equal(expected, listed.ExpiresAt);

        var withNewToken = new CliRunner(fixture.Server.BaseAddress, secret);
        (await withNewToken.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);

        var table = (await admin.RunAsync("token", "list")).AssertExit(ExitCodes.Success);
        var json = (await admin.RunAsync("token", "list", "--json")).AssertExit(ExitCodes.Success);
        foreach (var output in new[] { table.Stdout + table.Stderr, json.Stdout + json.Stderr })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
            Assert.DoesNotContain(fixture.Server.AdminToken, output, StringComparison.Ordinal);
        }

        var revoked = (await admin.RunAsync("token", "revoke", name)).AssertExit(ExitCodes.Success);
        Assert.Contains(name, revoked.Stdout, StringComparison.Ordinal);
        Assert.Contains("revoked", (await admin.RunAsync("token", "list")).Stdout, StringComparison.Ordinal);

        var refused = (await withNewToken.RunAsync("experiments", "list")).AssertExit(ExitCodes.Unauthorized);
        Assert.DoesNotContain(secret, refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_create_returns_the_token_and_its_secret_with_the_default_expiry()
    {
        var name = "json-" + Guid.NewGuid().ToString("N")[..8];

        var result = (await Cli.RunAsync("token", "create", name, "--json")).AssertExit(ExitCodes.Success);

        Assert.Equal(name, result.Json.GetProperty("token").GetProperty("name").GetString());
        Assert.StartsWith("slw_", result.Json.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, result.Json.GetProperty("token").GetProperty("expires_at").ValueKind);
    }

    [Fact]
    public async Task Create_binds_the_token_to_a_workspace_and_a_ceiling()
    {
        var name = "scoped-" + Guid.NewGuid().ToString("N")[..8];

        var result = (await Cli.RunAsync("token", "create", name, "--workspace", "default", "--max-permission", "read", "--expires-in", "30d", "--json"))
            .AssertExit(ExitCodes.Success);

        var token = result.Json.GetProperty("token");
        Assert.Equal("default", token.GetProperty("workspace").GetString());
        Assert.Equal("READ", token.GetProperty("max_permission").GetString());
        (await Cli.RunAsync("token", "create", name + "-x", "--max-permission", "OWNER")).AssertExit(ExitCodes.ApiError);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_exits_with_not_found()
    {
        (await Cli.RunAsync("token", "revoke", "no-such-token")).AssertExit(ExitCodes.NotFound);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("10y")]
    public async Task A_lifetime_that_does_not_parse_is_a_usage_error(string lifetime)
    {
        var result = await Cli.RunAsync("token", "create", "never-created", "--expires-in", lifetime);

        result.AssertExit(ExitCodes.Usage);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
