using Slipway.Cli.Output;
using Slipway.Contracts.Serving;
using Spectre.Console;

namespace Slipway.Cli.Commands.Deployments;

/// <summary>How a deployment prints: its routes with their targets, shares and live state, or the API's JSON with --json.</summary>
internal static class DeploymentOutput
{
    public static async Task WriteAsync(CliOutput output, DeploymentResponse deployment, CancellationToken cancellationToken)
    {
        if (output.Json)
        {
            await output.WriteJsonAsync(deployment, CliJsonContext.Default.DeploymentResponse, cancellationToken);
            return;
        }

        var spec = deployment.Deployment;
        output.WriteLine($"{spec.Name} (workspace {deployment.Workspace}, generation {deployment.Generation}, updated {Cells.Time(deployment.UpdatedAt)})");
        var table = Cells.NewTable("Route", "Role", "Target", "Weight / sample", "Serving", "State");
        foreach (var route in spec.Routes)
        {
            var status = deployment.Status.FirstOrDefault(s => s.Id == route.Id);
            var target = route.Target.Alias is { } alias ? $"{route.Target.Model}@{alias}" : $"{route.Target.Model} v{route.Target.Version}";
            var role = route.Role ?? "primary";
            var share = role == "shadow" ? $"{route.SamplePercent ?? 100}%" : $"{route.Weight ?? 100}";
            table.AddTextRow(route.Id, role, target, share, status?.Version is { } v ? $"v{v}" : "-", status is null ? "-" : status.Reason is null ? status.State : $"{status.State}: {status.Reason}");
        }

        output.Write(table);
    }
}
