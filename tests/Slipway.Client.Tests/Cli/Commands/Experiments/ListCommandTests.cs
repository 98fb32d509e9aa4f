using Slipway.Cli;
using Slipway.Client.Tests.Support;
using Slipway.Contracts.Tracking;

namespace Slipway.Client.Tests.Cli.Commands.Experiments;

public sealed class ListCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task Json_output_is_the_API_page_and_nothing_else()
    {
        var name = "cli-" + Guid.NewGuid().ToString("N");
        var created = await fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest(name));

        var result = (await Cli.RunAsync("experiments", "list", "--json", "--filter", $"name = '{name}'")).AssertExit(ExitCodes.Success);

        var item = Assert.Single(result.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(created.Id, item.GetProperty("id").GetString());
        Assert.Equal(name, item.GetProperty("name").GetString());
        Assert.Equal("active", item.GetProperty("lifecycle_stage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.Json.GetProperty("next_cursor").ValueKind);
        Assert.Equal(string.Empty, result.Stderr);
    }

    [Fact]
    public async Task The_table_lists_each_experiment_and_points_to_the_next_page()
    {
        var prefix = "tbl-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest(prefix + "-a"));
        await fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest(prefix + "-b"));

        var result = (await Cli.RunAsync("experiments", "list", "--filter", $"name LIKE '{prefix}%'", "--limit", "1")).AssertExit(ExitCodes.Success);

        Assert.Contains(prefix, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--cursor ", result.Stderr, StringComparison.Ordinal);
        var cursor = result.Stderr[(result.Stderr.IndexOf("--cursor ", StringComparison.Ordinal) + 9)..].Trim();
        var next = (await Cli.RunAsync("experiments", "list", "--filter", $"name LIKE '{prefix}%'", "--limit", "1", "--cursor", cursor, "--json"))
            .AssertExit(ExitCodes.Success);
        Assert.Single(next.Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_invalid_filter_is_an_API_error_with_the_servers_message()
    {
        var result = await Cli.RunAsync("experiments", "list", "--filter", "colour = 'red'");

        result.AssertExit(ExitCodes.ApiError);
        Assert.Contains("colour", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
