using Slipway.Cli.Output;
using Slipway.Contracts.Registry;

namespace Slipway.Cli.Commands.Models;

/// <summary>Writes a version's lifecycle state after archive or restore.</summary>
internal static class VersionLifecycleOutput
{
    public static async Task WriteAsync(CliOutput output, string verb, VersionLifecycleResponse version, CancellationToken cancellationToken)
    {
        if (output.Json)
        {
            await output.WriteJsonAsync(version, CliJsonContext.Default.VersionLifecycleResponse, cancellationToken);
            return;
        }

        output.WriteLine($"{verb} version {version.Version} of '{version.Name}': stage {version.Stage}.");
    }
}
