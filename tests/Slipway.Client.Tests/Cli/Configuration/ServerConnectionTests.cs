using Slipway.Cli;
using Slipway.Cli.Configuration;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Configuration;

public sealed class ServerConnectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Unreachable = "http://127.0.0.1:1";

    [Fact]
    public async Task No_token_anywhere_exits_with_unauthorized_and_says_where_to_put_one()
    {
        var result = await new CliRunner(fixture.Server.BaseAddress, token: null).RunAsync("experiments", "list");

        result.AssertExit(ExitCodes.Unauthorized);
        Assert.Contains(ServerConnection.TokenVariable, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_supplies_url_and_token()
    {
        var cli = new CliRunner(server: null, token: null)
            .WithVariable(ServerConnection.UrlVariable, fixture.Server.BaseAddress.ToString())
            .WithVariable(ServerConnection.TokenVariable, fixture.Server.AdminToken);

        (await cli.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);
    }

    [Fact]
    public async Task The_mlflow_token_variable_is_accepted()
    {
        var cli = new CliRunner(fixture.Server.BaseAddress, token: null)
            .WithVariable(ServerConnection.MlflowTokenVariable, fixture.Server.AdminToken);

        (await cli.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);
    }

    [Fact]
    public async Task The_two_lines_that_slipway_up_prints_are_enough()
    {
        var cli = new CliRunner(server: null, token: null)
            .WithVariable(ServerConnection.MlflowUrlVariable, fixture.Server.BaseAddress.ToString())
            .WithVariable(ServerConnection.MlflowTokenVariable, fixture.Server.AdminToken);

        (await cli.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);
    }

    [Fact]
    public async Task The_configuration_file_supplies_what_flags_and_environment_leave_unset()
    {
        var cli = new CliRunner(server: null, token: null)
            .WithConfigFile($$"""{"url": "{{fixture.Server.BaseAddress}}", "token": "{{fixture.Server.AdminToken}}"}""");

        (await cli.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);
    }

    [Fact]
    public async Task A_flag_beats_the_environment_which_beats_the_file()
    {
        var fileLoses = new CliRunner(server: null, token: null)
            .WithConfigFile($$"""{"url": "{{Unreachable}}", "token": "slw_wrong"}""")
            .WithVariable(ServerConnection.UrlVariable, fixture.Server.BaseAddress.ToString())
            .WithVariable(ServerConnection.TokenVariable, fixture.Server.AdminToken);
        (await fileLoses.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);

        var environmentLoses = new CliRunner(fixture.Server.BaseAddress, fixture.Server.AdminToken)
            .WithVariable(ServerConnection.UrlVariable, Unreachable)
            .WithVariable(ServerConnection.TokenVariable, "slw_wrong");
        (await environmentLoses.RunAsync("experiments", "list")).AssertExit(ExitCodes.Success);

        var wrongTokenInEnvironment = new CliRunner(fixture.Server.BaseAddress, token: null)
            .WithConfigFile($$"""{"token": "{{fixture.Server.AdminToken}}"}""")
            .WithVariable(ServerConnection.TokenVariable, "slw_wrong");
        (await wrongTokenInEnvironment.RunAsync("experiments", "list")).AssertExit(ExitCodes.Unauthorized);
    }

    [Fact]
    public async Task An_unreachable_server_exits_with_connection_failure()
    {
        var result = await new CliRunner(new Uri(Unreachable), "slw_x").RunAsync("experiments", "list");

        result.AssertExit(ExitCodes.ConnectionFailure);
        Assert.Contains("127.0.0.1:1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_configuration_file_is_a_usage_error_naming_it()
    {
        var result = await new CliRunner(fixture.Server.BaseAddress, token: null).WithConfigFile("{ not json").RunAsync("experiments", "list");

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("config.json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_a_usage_error()
    {
        (await new CliRunner(new Uri("ftp://example.org"), "slw_x").RunAsync("experiments", "list")).AssertExit(ExitCodes.Usage);
    }
}
