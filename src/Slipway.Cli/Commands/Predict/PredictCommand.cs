using System.CommandLine;
using Slipway.Client;

namespace Slipway.Cli.Commands.Predict;

/// <summary>
/// <c>slipway predict DEPLOYMENT (--json BODY | --file PATH | --csv PATH)</c>: calls a deployment and prints its answer
/// as the server sent it on standard output, and the response metadata (model, version, route, tier, prediction id)
/// on standard error, so <c>slipway predict income --file rows.json &gt; answer.json</c> keeps only the answer.
/// </summary>
internal sealed class PredictCommand : ApiCommand
{
    private readonly Argument<string> deployment = new("deployment") { Description = "The deployment to call." };
    private readonly Option<string?> json = new("--json") { Description = "The request body, inline JSON in the protocol's form.", HelpName = "body" };
    private readonly Option<string?> file = new("--file") { Description = "A file holding the JSON request body.", HelpName = "path" };
    private readonly Option<string?> csv = new("--csv") { Description = "A CSV file with a header row (MLflow protocol only).", HelpName = "path" };
    private readonly Option<string> protocol = new("--protocol")
    {
        Description = "mlflow (/mlflow/{dep}/invocations, the default), v2 (Open Inference Protocol) or v1 (KServe :predict).",
        DefaultValueFactory = _ => "mlflow",
    };

    private readonly Option<int?> version = new("--version") { Description = "Call this registry version directly instead of the routes.", HelpName = "n" };
    private readonly Option<string?> priority = new("--priority") { Description = "critical, standard or sheddable (never above your token's maximum).", HelpName = "tier" };

    public PredictCommand(CliContext context)
        : base("predict", "Call a deployment and print its answer (metadata on standard error).", context)
    {
        // --json names the request body here; the answer is printed as the server sent it, JSON already.
        Options.Remove(context.Json);
        protocol.AcceptOnlyFromAmong("mlflow", "v2", "v1");
        priority.AcceptOnlyFromAmong("critical", "standard", "sheddable");
        Arguments.Add(deployment);
        Options.Add(json);
        Options.Add(file);
        Options.Add(csv);
        Options.Add(protocol);
        Options.Add(version);
        Options.Add(priority);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var sources = new[] { parseResult.GetValue(json), parseResult.GetValue(file), parseResult.GetValue(csv) }.Count(s => s is not null);
        if (sources != 1)
        {
            throw new CommandException(ExitCodes.Usage, "Give the request body once: --json BODY, --file PATH or --csv PATH.");
        }

        var wire = parseResult.GetValue(protocol) switch
        {
            "v2" => InferenceProtocol.V2,
            "v1" => InferenceProtocol.V1,
            _ => InferenceProtocol.Mlflow,
        };
        string body;
        var contentType = "application/json";
        if (parseResult.GetValue(csv) is { } csvPath)
        {
            if (wire != InferenceProtocol.Mlflow)
            {
                throw new CommandException(ExitCodes.Usage, "CSV is part of the MLflow protocol only; leave out --protocol or use --protocol mlflow.");
            }

            body = ReadFile(csvPath);
            contentType = "text/csv";
        }
        else
        {
            body = parseResult.GetValue(json) ?? ReadFile(parseResult.GetValue(file)!);
        }

        var options = new PredictOptions { ContentType = contentType, Version = parseResult.GetValue(version), Priority = parseResult.GetValue(priority) };
        var result = await WithClientAsync(parseResult, client => client.Deployments.PredictAsync(parseResult.GetRequiredValue(deployment), body, wire, options, cancellationToken));
        var output = OutputFor(parseResult);
        output.WriteLine(result.Body);
        output.Info(
            $"deployment {result.Deployment ?? "-"} · model {result.Model ?? "-"} version {result.ModelVersion ?? "-"} · route {result.Route ?? "-"} · tier {result.Tier ?? "-"} · prediction {result.PredictionId ?? "-"}");
        return ExitCodes.Success;
    }

    private static string ReadFile(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? File.ReadAllText(full) : throw new CommandException(ExitCodes.Usage, $"There is no file at {full}.");
    }
}
