using System.CommandLine;

namespace Slipway.Cli.Commands.Audit;

/// <summary>
/// <c>slipway audit export [--format jsonl|cef] [--after-seq N] [--output file]</c>: the events after a cursor, one
/// per line, oldest first: JSON Lines (schema v1 with its hash; resume with the last line's <c>seq</c>) or ArcSight
/// CEF for a SIEM (the seq is <c>cn1</c>). The server records each export as an <c>audit.export</c> event.
/// </summary>
internal sealed class ExportCommand : ApiCommand
{
    private readonly Option<long> afterSeq = new("--after-seq") { Description = "Export the events after this seq (default 0: all).", DefaultValueFactory = _ => 0 };

    private readonly Option<string> format = new Option<string>("--format") { Description = "jsonl (default) or cef.", DefaultValueFactory = _ => "jsonl" }
        .AcceptOnlyFromAmong("jsonl", "cef");

    private readonly Option<FileInfo> outputFile = new("--output", "-o") { Description = "Write to this file instead of stdout." };

    public ExportCommand(CliContext context)
        : base("export", "Export audit events as JSON Lines or CEF.", context)
    {
        Options.Add(afterSeq);
        Options.Add(format);
        Options.Add(outputFile);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(outputFile);
        var chosen = parseResult.GetRequiredValue(format);
        var after = parseResult.GetValue(afterSeq);
        await WithClientAsync(parseResult, async client =>
        {
            if (file is not null)
            {
                // A file gets the stream as it comes, so an export of any size runs in constant memory.
                await using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write);
                await client.Audit.ExportAsync(stream, chosen, after, cancellationToken);
                return 0;
            }

            // Stdout is a TextWriter (redirected in tests), so the text is handed over whole.
            using var buffer = new MemoryStream();
            await client.Audit.ExportAsync(buffer, chosen, after, cancellationToken);
            buffer.Position = 0;
            using var reader = new StreamReader(buffer);
            await Context.Environment.Stdout.WriteAsync(await reader.ReadToEndAsync(cancellationToken));
            await Context.Environment.Stdout.FlushAsync(cancellationToken);
            return 0;
        });

        if (file is not null)
        {
            OutputFor(parseResult).Info($"Exported audit events to {file.FullName}.");
        }

        return ExitCodes.Success;
    }
}
