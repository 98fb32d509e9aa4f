using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli;

public sealed class SlipwayCliTests
{
    [Theory]
    [InlineData("experiments", "list", "--no-such-flag")]
    [InlineData("no-such-command")]
    [InlineData("runs", "show")]
    [InlineData("experiments")]
    [InlineData("server", "--port", "70000")]
    public async Task Bad_arguments_are_a_usage_error_on_stderr(params string[] args)
    {
        var result = await new CliRunner(server: null, token: null).RunExactlyAsync(args);

        result.AssertExit(ExitCodes.Usage);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.NotEqual(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task Help_goes_to_stdout_and_succeeds()
    {
        var result = (await new CliRunner(server: null, token: null).RunExactlyAsync("--help")).AssertExit(ExitCodes.Success);

        Assert.Contains("experiments", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("token", result.Stdout, StringComparison.Ordinal);
    }
}
