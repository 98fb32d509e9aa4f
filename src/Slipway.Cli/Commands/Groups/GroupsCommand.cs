using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Groups;

/// <summary><c>slipway groups list|create|add-member|remove-member</c> (needs a platform admin token).</summary>
internal sealed class GroupsCommand : Command
{
    public GroupsCommand(CliContext context)
        : base("groups", "List and create groups and change their members (needs a platform admin token).")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new MemberCommand("add-member", "Add a user to a group.", add: true, context));
        Subcommands.Add(new MemberCommand("remove-member", "Remove a user from a group.", add: false, context));
    }

    internal static async Task WriteAsync(CliOutput output, IReadOnlyList<GroupResponse> groups, CancellationToken cancellationToken)
    {
        if (output.Json)
        {
            await output.WriteJsonAsync(groups, CliJsonContext.Default.IReadOnlyListGroupResponse, cancellationToken);
            return;
        }

        var table = Cells.NewTable("ID", "Name", "Source", "Members", "Description");
        foreach (var g in groups)
        {
            table.AddTextRow(Cells.Number(g.Id), g.Name, g.Source, string.Join(", ", g.Members), g.Description);
        }

        output.Write(table);
    }

    private sealed class ListCommand(CliContext context) : ApiCommand("list", "List groups and their members.", context)
    {
        protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var groups = await WithClientAsync(parseResult, client => client.Groups.ListAsync(cancellationToken));
            await WriteAsync(OutputFor(parseResult), groups, cancellationToken);
            return ExitCodes.Success;
        }
    }

    private sealed class CreateCommand : ApiCommand
    {
        private readonly Argument<string> name = new("name") { Description = "The group's name." };
        private readonly Option<string?> description = new("--description") { Description = "What the group is for." };

        public CreateCommand(CliContext context)
            : base("create", "Create a group.", context)
        {
            Arguments.Add(name);
            Options.Add(description);
        }

        protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var group = await WithClientAsync(parseResult, client => client.Groups.CreateAsync(parseResult.GetRequiredValue(name), parseResult.GetValue(description), cancellationToken));
            await WriteAsync(OutputFor(parseResult), [group], cancellationToken);
            return ExitCodes.Success;
        }
    }

    private sealed class MemberCommand : ApiCommand
    {
        private readonly Argument<string> group = new("group") { Description = "The group's name." };
        private readonly Argument<string> user = new("user") { Description = "The user's name." };
        private readonly bool add;

        public MemberCommand(string name, string description, bool add, CliContext context)
            : base(name, description, context)
        {
            this.add = add;
            Arguments.Add(group);
            Arguments.Add(user);
        }

        protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var (g, u) = (parseResult.GetRequiredValue(group), parseResult.GetRequiredValue(user));
            var result = await WithClientAsync(parseResult, client => add ? client.Groups.AddMemberAsync(g, u, cancellationToken) : client.Groups.RemoveMemberAsync(g, u, cancellationToken));
            await WriteAsync(OutputFor(parseResult), [result], cancellationToken);
            return ExitCodes.Success;
        }
    }
}
