using System.CommandLine;

namespace Slipway.Cli.Commands.Audit;

/// <summary><c>slipway audit</c>: verify and export the hash-chained audit trail (needs an admin token).</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand(CliContext context)
        : base("audit", "Verify and export the audit trail (needs an admin token).")
    {
        Subcommands.Add(new VerifyCommand(context));
        Subcommands.Add(new ExportCommand(context));
    }
}
