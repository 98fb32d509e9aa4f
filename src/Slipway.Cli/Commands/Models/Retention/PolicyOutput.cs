using System.Globalization;
using Slipway.Cli.Output;
using Slipway.Contracts.Registry;

namespace Slipway.Cli.Commands.Models.Retention;

/// <summary>Writes a retention policy as a table or JSON.</summary>
internal static class PolicyOutput
{
    public static async Task WriteAsync(CliOutput output, RetentionPolicyResponse policy, CancellationToken cancellationToken)
    {
        if (output.Json)
        {
            await output.WriteJsonAsync(policy, CliJsonContext.Default.RetentionPolicyResponse, cancellationToken);
            return;
        }

        output.Write(Cells.NewTable("Field", "Value")
            .AddTextRow("Model", policy.Name)
            .AddTextRow("Keep newest", policy.KeepNewest?.ToString(CultureInfo.InvariantCulture) ?? "no limit")
            .AddTextRow("Archive after days", policy.ArchiveAfterDays?.ToString(CultureInfo.InvariantCulture) ?? "no limit")
            .AddTextRow("Delete files after days", policy.DeleteFilesAfterDays.ToString(CultureInfo.InvariantCulture))
            .AddTextRow("Enabled", policy.Enabled ? "yes" : "no (runs on demand only)")
            .AddTextRow("Last run", Cells.Time(policy.LastRunAt))
            .AddTextRow("Updated", $"{Cells.Time(policy.UpdatedAt)} by {policy.UpdatedBy}"));
    }
}
