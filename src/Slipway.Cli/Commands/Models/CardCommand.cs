using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models card &lt;name&gt; &lt;version&gt;</c>: the model card as Markdown, or as JSON with --json.</summary>
internal sealed class CardCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The registered model's name." };
    private readonly Argument<int> version = new("version") { Description = "The version number." };

    public CardCommand(CliContext context)
        : base("card", "Print a version's model card (Markdown; --json for the fields).", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var model = parseResult.GetRequiredValue(name);
        var number = parseResult.GetRequiredValue(version);
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            var card = await WithClientAsync(parseResult, client => client.Models.GetCardAsync(model, number, cancellationToken));
            await output.WriteJsonAsync(card, CliJsonContext.Default.ModelCardResponse, cancellationToken);
            return ExitCodes.Success;
        }

        output.WriteLine(await WithClientAsync(parseResult, client => client.Models.GetCardMarkdownAsync(model, number, cancellationToken)));
        return ExitCodes.Success;
    }
}
