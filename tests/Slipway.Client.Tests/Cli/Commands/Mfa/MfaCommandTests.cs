using OtpNet;
using Slipway.Cli;
using Slipway.Client.Tests.Support;
using Slipway.Tests;

namespace Slipway.Client.Tests.Cli.Commands.Mfa;

public sealed class MfaCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Enroll_prints_the_uri_and_secret_once_and_confirm_turns_mfa_on_with_recovery_codes()
    {
        var name = "mfa-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await TestPrincipals.CreateUserAsync(fixture.Server, name);
        var cli = new CliRunner(fixture.Server.BaseAddress, await TestPrincipals.CreateTokenAsync(fixture.Server, userId, name));

        var enrolled = (await cli.RunAsync("mfa", "enroll")).AssertExit(ExitCodes.Success);
        var lines = enrolled.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("otpauth://totp/", lines[0], StringComparison.Ordinal);
        var secret = lines[1];
        Assert.Contains(secret, lines[0], StringComparison.Ordinal);

        Assert.NotEqual(ExitCodes.Success, (await cli.RunAsync("mfa", "confirm", "000000")).ExitCode);
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
        var confirmed = (await cli.RunAsync("mfa", "confirm", code)).AssertExit(ExitCodes.Success);
        Assert.Equal(10, confirmed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        var whoami = await new SlipwayClient(http, await TestPrincipals.CreateTokenAsync(fixture.Server, userId, name)).Users.WhoAmIAsync();
        Assert.Equal(name, whoami.User.Name);
        Assert.True(whoami.MfaEnabled);
    }
}
