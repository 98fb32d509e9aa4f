using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models restore &lt;name&gt; &lt;version&gt;</c>: possible until retention deletes the version's files.</summary>
internal sealed class RestoreCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Argument<int> version = ModelArguments.Version();

    public RestoreCommand(CliContext context)
        : base("restore", "Restore an archived version to the stage it had before.", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var restored = await WithClientAsync(parseResult, client => client.ModelLifecycle.RestoreAsync(
            parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(version), cancellationToken));
        await VersionLifecycleOutput.WriteAsync(OutputFor(parseResult), "Restored", restored, cancellationToken);
        return ExitCodes.Success;
    }
}
