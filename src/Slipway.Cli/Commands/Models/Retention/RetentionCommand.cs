using System.CommandLine;

namespace Slipway.Cli.Commands.Models.Retention;

/// <summary><c>slipway models retention</c>: show, set and run a model's retention policy.</summary>
internal sealed class RetentionCommand : Command
{
    public RetentionCommand(CliContext context)
        : base("retention", "Show, set and run a model's retention policy.")
    {
        Subcommands.Add(new ShowCommand(context));
        Subcommands.Add(new SetCommand(context));
        Subcommands.Add(new RunCommand(context));
    }
}
