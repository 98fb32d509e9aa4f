using System.CommandLine;
using Slipway.Server;

namespace Slipway.Cli.Commands.Server;

/// <summary>
/// <c>slipway server</c>: hosts the Slipway server in this process until Ctrl+C. Every other setting comes from
/// <c>SLIPWAY_*</c> environment variables, as for the standalone server.
/// </summary>
internal sealed class ServerCommand : CliCommand
{
    public const int DefaultPort = 5000;

    private readonly Option<int> port = new("--port")
    {
        Description = "The port to listen on.",
        DefaultValueFactory = _ => DefaultPort,
    };

    private readonly Option<string> host = new("--host")
    {
        Description = "The address to listen on; 0.0.0.0 listens on every interface.",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    private readonly Option<string> dataDir = new("--data-dir")
    {
        Description = "Where the embedded database, local artifacts and the initial admin token live. Default: ./.slipway.",
        HelpName = "dir",
    };

    public ServerCommand(CliContext context)
        : base("server", "Run the Slipway server in this process until Ctrl+C.", context)
    {
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be between 0 and 65535.");
            }
        });
        Options.Add(port);
        Options.Add(host);
        Options.Add(dataDir);
    }

    protected override Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var address = parseResult.GetRequiredValue(host);
        if (address.Contains(':', StringComparison.Ordinal) && !address.StartsWith('['))
        {
            address = $"[{address}]";
        }

        var overrides = new Dictionary<string, string?> { ["Urls"] = $"http://{address}:{parseResult.GetValue(port)}" };
        if (parseResult.GetValue(dataDir) is { Length: > 0 } directory)
        {
            overrides["DataDir"] = Path.GetFullPath(directory);
        }

        return SlipwayServer.RunAsync([], overrides, cancellationToken);
    }
}
