using Slipway.Cli;
using Slipway.Client.Tests.Client;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Deployments;

public sealed class DeploymentsCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task A_deployment_is_created_from_yaml_listed_shown_updated_from_json_and_deleted()
    {
        var model = await DeploymentsClientTests.RegisterAsync(fixture);
        var directory = Directory.CreateTempSubdirectory("slipway-dep-").FullName;
        var yaml = Path.Combine(directory, "income.yaml");
        await File.WriteAllTextAsync(yaml, $$"""
            deployment: {{model}}
            routes:
              - { id: champion, target: { model: {{model}}, alias: champion }, weight: 90 }
              - { id: challenger, target: { model: {{model}}, version: 2 }, weight: 10 }
            limits: { max_queue: 128 }
            """);

        var created = (await Cli.RunAsync("deployments", "create", "-f", yaml)).AssertExit(ExitCodes.Success);
        Assert.Contains($"{model}@champion", created.Stdout, StringComparison.Ordinal);
        Assert.Contains("Created deployment", created.Stderr, StringComparison.Ordinal);

        var list = (await Cli.RunAsync("deployments", "list", "--json")).AssertExit(ExitCodes.Success);
        Assert.Contains(list.Json.EnumerateArray(), d => d.GetProperty("deployment").GetProperty("name").GetString() == model);
        var shown = (await Cli.RunAsync("deployments", "get", model, "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal(128, shown.Json.GetProperty("deployment").GetProperty("limits").GetProperty("max_queue").GetInt32());

        var json = Path.Combine(directory, "income.json");
        await File.WriteAllTextAsync(json, $$$"""{"routes": [{"id": "only", "target": {"model": "{{{model}}}", "version": 1}}]}""");
        var updated = (await Cli.RunAsync("deployments", "update", model, "-f", json, "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal(2, updated.Json.GetProperty("generation").GetInt32());

        (await Cli.RunAsync("deployments", "delete", model)).AssertExit(ExitCodes.Success);
        (await Cli.RunAsync("deployments", "get", model)).AssertExit(ExitCodes.NotFound);
    }

    [Fact]
    public async Task A_refused_file_names_the_rule_and_a_file_of_another_kind_is_a_usage_error()
    {
        var directory = Directory.CreateTempSubdirectory("slipway-dep-").FullName;
        var bad = Path.Combine(directory, "bad.json");
        await File.WriteAllTextAsync(bad, """{"name": "x", "routes": [], "replicas": 2}""");
        var refused = (await Cli.RunAsync("deployments", "create", "-f", bad)).AssertExit(ExitCodes.ApiError);
        Assert.Contains("replicas", refused.Stderr, StringComparison.Ordinal);

        var text = Path.Combine(directory, "spec.txt");
        await File.WriteAllTextAsync(text, "{}");
        (await Cli.RunAsync("deployments", "create", "-f", text)).AssertExit(ExitCodes.Usage);
        (await Cli.RunAsync("deployments", "create", "-f", Path.Combine(directory, "none.yaml"))).AssertExit(ExitCodes.Usage);
    }

    [Fact]
    public async Task Predict_needs_exactly_one_body_and_csv_only_on_the_mlflow_protocol()
    {
        (await Cli.RunAsync("predict", "income")).AssertExit(ExitCodes.Usage);
        (await Cli.RunAsync("predict", "income", "--json", "{}", "--file", "x.json")).AssertExit(ExitCodes.Usage);
        var csv = Path.Combine(Directory.CreateTempSubdirectory("slipway-dep-").FullName, "rows.csv");
        await File.WriteAllTextAsync(csv, "age\n39\n");
        (await Cli.RunAsync("predict", "income", "--csv", csv, "--protocol", "v2")).AssertExit(ExitCodes.Usage);
    }

    [Fact]
    public async Task Token_limits_are_set_from_the_command_line()
    {
        var created = (await Cli.RunAsync("token", "create", "limited-" + Guid.NewGuid().ToString("N")[..8], "--json")).AssertExit(ExitCodes.Success);
        var id = created.Json.GetProperty("token").GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var set = (await Cli.RunAsync("token", "limits", id, "--max-tier", "critical", "--rate", "2.5", "--daily-rows", "1000")).AssertExit(ExitCodes.Success);
        Assert.Contains("rate 2.5/s", set.Stdout, StringComparison.Ordinal);
        Assert.Contains("max critical", set.Stdout, StringComparison.Ordinal);
        (await Cli.RunAsync("token", "limits", id, "--default-tier", "critical")).AssertExit(ExitCodes.ApiError);
    }
}
