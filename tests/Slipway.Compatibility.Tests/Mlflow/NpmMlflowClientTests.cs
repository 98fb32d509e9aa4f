using Slipway.Compatibility.Tests.NodeJs;
using Slipway.Tests;

namespace Slipway.Compatibility.Tests.Mlflow;

/// <summary>
/// The npm <c>mlflow</c> client 2.0.7, unmodified, against a real server (spec mlflow-rest.md §5.4). The flow and its
/// assertions live in node/flow.mjs; this test starts the server, runs the script and reports what it printed.
/// </summary>
public sealed class NpmMlflowClientTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_npm_client_runs_the_whole_tracking_flow(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);

        var result = await NodeScript.RunAsync("flow.mjs", new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_URI"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["MLFLOW_TRACKING_TOKEN"] = server.AdminToken,
        }, ScriptTimeout);

        Assert.True(result.ExitCode == 0, result.Describe("node flow.mjs") + ServerProblems(server));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task With_a_token_the_npm_client_works_within_its_grants_and_gets_403_outside_them(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var admin = new MlflowApi(server.Client);
        var allowed = await admin.CreateExperimentAsync();
        var denied = await admin.CreateExperimentAsync();
        var deniedRun = await admin.CreateRunAsync(denied);
        var userId = await TestPrincipals.CreateUserAsync(server, "scientist");
        await TestPrincipals.GrantAsync(server, Slipway.Core.Governance.Workspace.DefaultId, userId, "experiment", allowed, Slipway.Core.Governance.Permission.Edit);
        var token = await TestPrincipals.CreateTokenAsync(server, userId, "scientist");

        var result = await NodeScript.RunAsync("grants.mjs", new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_URI"] = server.BaseAddress.ToString().TrimEnd('/'),
            ["MLFLOW_TRACKING_TOKEN"] = token,
            ["ALLOWED_EXPERIMENT_ID"] = allowed,
            ["DENIED_EXPERIMENT_ID"] = denied,
            ["DENIED_RUN_ID"] = deniedRun,
        }, ScriptTimeout);

        Assert.True(result.ExitCode == 0, result.Describe("node grants.mjs") + ServerProblems(server));
    }

    private static string ServerProblems(SlipwayTestServer server)
    {
        var problems = server.Logs.Where(line => line.StartsWith("Warning", StringComparison.Ordinal)
            || line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        return problems.Count == 0 ? "" : $"{Environment.NewLine}--- server warnings and errors ---{Environment.NewLine}{string.Join(Environment.NewLine, problems)}";
    }
}
