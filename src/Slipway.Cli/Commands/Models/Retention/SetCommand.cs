using System.CommandLine;
using Slipway.Contracts.Registry;

namespace Slipway.Cli.Commands.Models.Retention;

/// <summary><c>slipway models retention set &lt;name&gt; [--keep-newest N] [--archive-after-days D] [--delete-files-after-days G] [--disabled]</c>.</summary>
internal sealed class SetCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Option<int?> keepNewest = new("--keep-newest") { Description = "Keep this many newest versions; archive older ones." };
    private readonly Option<int?> archiveAfterDays = new("--archive-after-days") { Description = "Archive versions created this many days ago." };
    private readonly Option<int?> deleteFilesAfterDays = new("--delete-files-after-days") { Description = "Delete an archived version's files this many days after it was archived. Default: 30." };
    private readonly Option<bool> disabled = new("--disabled") { Description = "Keep the policy but do not run it on the schedule (on-demand runs still work)." };

    public SetCommand(CliContext context)
        : base("set", "Set (replace) a model's retention policy. Versions an alias points to, held ones and those in stage Staging or Production are never archived.", context)
    {
        Arguments.Add(name);
        Options.Add(keepNewest);
        Options.Add(archiveAfterDays);
        Options.Add(deleteFilesAfterDays);
        Options.Add(disabled);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new RetentionPolicyRequest(
            parseResult.GetValue(keepNewest), parseResult.GetValue(archiveAfterDays), parseResult.GetValue(deleteFilesAfterDays), !parseResult.GetValue(disabled));
        var policy = await WithClientAsync(parseResult, client => client.ModelLifecycle.SetRetentionAsync(parseResult.GetRequiredValue(name), request, cancellationToken));
        await PolicyOutput.WriteAsync(OutputFor(parseResult), policy, cancellationToken);
        return ExitCodes.Success;
    }
}
