using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Workspaces;

/// <summary><c>slipway workspaces create &lt;name&gt; [--description text]</c>.</summary>
internal sealed class CreateCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "Lower-case letters, digits and dashes, at most 63 characters." };

    private readonly Option<string?> description = new("--description") { Description = "What the workspace is for." };

    public CreateCommand(CliContext context)
        : base("create", "Create a workspace (platform admin).", context)
    {
        Arguments.Add(name);
        Options.Add(description);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var created = await WithClientAsync(
            parseResult, client => client.Workspaces.CreateAsync(parseResult.GetRequiredValue(name), parseResult.GetValue(description), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(created, CliJsonContext.Default.WorkspaceResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Created workspace '{created.Name}'. Nobody holds a role in it yet: add one with 'slipway bindings add'.");
        }

        return ExitCodes.Success;
    }
}
