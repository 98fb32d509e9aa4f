using Microsoft.Extensions.DependencyInjection;
using Slipway.Cli;
using Slipway.Client.Tests.Support;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Client.Tests.Cli.Commands.Access;

public sealed class AccessCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task Workspaces_roles_bindings_and_grants_are_administered_from_the_command_line()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var workspace = "ws-" + suffix;
        var user = "user-" + suffix;
        using (var scope = fixture.Server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            db.Users.Add(new User { Name = user, NormalizedName = user, CreatedAt = 1 });
            await db.SaveChangesAsync();
        }

        (await Cli.RunAsync("workspaces", "create", workspace, "--description", "CLI test")).AssertExit(ExitCodes.Success);
        Assert.Contains(workspace, (await Cli.RunAsync("workspaces", "list")).AssertExit(ExitCodes.Success).Stdout, StringComparison.Ordinal);

        var role = (await Cli.RunAsync("roles", "create", "Labeler", "-w", workspace, "-p", "*:READ", "-p", "dataset:EDIT", "-c", "download_artifacts", "--json"))
            .AssertExit(ExitCodes.Success);
        Assert.Equal(2, role.Json.GetProperty("permissions").GetArrayLength());
        Assert.Contains("Labeler", (await Cli.RunAsync("roles", "list", "--workspace", workspace)).AssertExit(ExitCodes.Success).Stdout, StringComparison.Ordinal);
        (await Cli.RunAsync("roles", "create", "Bad", "-w", workspace, "-p", "spaceship:READ")).AssertExit(ExitCodes.ApiError);

        var binding = (await Cli.RunAsync("bindings", "add", "Labeler", "--user", user, "-w", workspace, "--json")).AssertExit(ExitCodes.Success);
        var bindingId = binding.Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(user, (await Cli.RunAsync("bindings", "list", "-w", workspace)).AssertExit(ExitCodes.Success).Stdout, StringComparison.Ordinal);

        var experiment = await fixture.Client.Experiments.CreateAsync(new Slipway.Contracts.Tracking.CreateExperimentRequest("cli-grants-" + suffix));
        var grant = (await Cli.RunAsync("grants", "set", "--user", user, "--resource-type", "experiment", "--resource-id", experiment.Id, "--level", "EDIT", "--json"))
            .AssertExit(ExitCodes.Success);
        Assert.Equal("EDIT", grant.Json.GetProperty("level").GetString());
        var grants = await fixture.Client.Access.ListGrantsAsync("default", "experiment", experiment.Id);
        Assert.Equal(user, Assert.Single(grants).Principal);
        (await Cli.RunAsync("grants", "remove", grant.Json.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture))).AssertExit(ExitCodes.Success);
        Assert.Empty(await fixture.Client.Access.ListGrantsAsync("default", "experiment", experiment.Id));

        (await Cli.RunAsync("bindings", "remove", bindingId, "-w", workspace)).AssertExit(ExitCodes.Success);
        (await Cli.RunAsync("roles", "delete", "Labeler", "-w", workspace)).AssertExit(ExitCodes.Success);
        (await Cli.RunAsync("roles", "delete", "Viewer", "-w", workspace)).AssertExit(ExitCodes.ApiError);
        (await Cli.RunAsync("workspaces", "delete", workspace)).AssertExit(ExitCodes.Success);
        Assert.DoesNotContain(await fixture.Client.Workspaces.ListAsync(), w => w.Name == workspace);
        (await Cli.RunAsync("workspaces", "delete", "default")).AssertExit(ExitCodes.ApiError);
    }
}
