using Slipway.Cli;
using Slipway.Client.Tests.Support;
using Slipway.Contracts.Tracking;

namespace Slipway.Client.Tests.Cli.Commands.Experiments;

public sealed class ShowCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task An_experiment_is_shown_with_its_tags_and_markup_is_printed_literally()
    {
        var name = "show-" + Guid.NewGuid().ToString("N")[..8];
        var created = await fixture.Client.Experiments.CreateAsync(
            new CreateExperimentRequest(name, new Dictionary<string, string> { ["note"] = "[red]not markup[/]" }));

        var result = (await Cli.RunAsync("experiments", "show", created.Id)).AssertExit(ExitCodes.Success);

        Assert.Contains(name, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[red]not markup[/]", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_exits_with_not_found()
    {
        var result = await Cli.RunAsync("experiments", "show", "987654");

        result.AssertExit(ExitCodes.NotFound);
        Assert.Contains("987654", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
