using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models archive &lt;name&gt; &lt;version&gt;</c>: refused while an alias points to the version or it is held.</summary>
internal sealed class ArchiveCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Argument<int> version = ModelArguments.Version();
    private readonly Option<string> reason = new("--reason") { Description = "Why, recorded in the version's history." };

    public ArchiveCommand(CliContext context)
        : base("archive", "Archive a version: stage Archived, no aliases, files deleted by retention after the grace period.", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
        Options.Add(reason);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var archived = await WithClientAsync(parseResult, client => client.ModelLifecycle.ArchiveAsync(
            parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(version), parseResult.GetValue(reason), cancellationToken));
        await VersionLifecycleOutput.WriteAsync(OutputFor(parseResult), "Archived", archived, cancellationToken);
        return ExitCodes.Success;
    }
}
