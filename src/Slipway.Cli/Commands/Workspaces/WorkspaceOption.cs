using System.CommandLine;

namespace Slipway.Cli.Commands.Workspaces;

/// <summary>The <c>--workspace</c> option of the role, binding and grant verbs; <c>default</c> when omitted.</summary>
internal static class WorkspaceOption
{
    public static Option<string> Create() => new("--workspace", "-w")
    {
        Description = "The workspace (default: default).",
        HelpName = "name",
        DefaultValueFactory = _ => "default",
    };
}
