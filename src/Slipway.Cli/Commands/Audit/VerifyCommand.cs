using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Audit;

/// <summary>
/// <c>slipway audit verify [--against checkpoint.txt]</c>: the server recomputes the chain and checks its latest
/// checkpoint; a checkpoint file kept elsewhere (outside the database's reach) is checked too. Exits 1 on any problem.
/// </summary>
internal sealed class VerifyCommand : ApiCommand
{
    private readonly Option<FileInfo> against = new("--against") { Description = "A checkpoint file (from the checkpoint directory) the log must still match." };

    public VerifyCommand(CliContext context)
        : base("verify", "Recompute the audit chain and check it against its checkpoints.", context)
    {
        Options.Add(against);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(against);
        var checkpoint = file is null ? null : await File.ReadAllTextAsync(file.FullName, cancellationToken);
        var result = await WithClientAsync(parseResult, client => client.Audit.VerifyAsync(checkpoint, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(result, CliJsonContext.Default.AuditVerificationResponse, cancellationToken);
        }
        else if (result.Ok)
        {
            output.WriteLine($"OK: {result.Events} events verified" + (result.CheckpointSize is { } size ? $", latest checkpoint covers {size}." : "."));
        }
        else
        {
            foreach (var problem in result.Problems)
            {
                output.WriteLine($"{problem.Kind}{(problem.Seq is { } seq ? $" at seq {seq}" : string.Empty)}: {problem.Message}");
            }

            output.Fail($"FAILED: {result.Problems.Count} problem(s) in {result.Events} events.");
        }

        return result.Ok ? ExitCodes.Success : ExitCodes.ApiError;
    }
}
