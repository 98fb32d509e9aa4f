using System.CommandLine;
using System.Text;

namespace Slipway.Cli.Commands.Audit;

/// <summary>
/// <c>slipway audit export [--after-seq N] [--output file]</c>: the events after a cursor as JSON Lines, one event
/// (schema v1, with its hash) per line, oldest first. Resume with the last line's <c>seq</c>.
/// </summary>
internal sealed class ExportCommand : ApiCommand
{
    private const int PageSize = 1000;

    private readonly Option<long> afterSeq = new("--after-seq") { Description = "Export the events after this seq (default 0: all).", DefaultValueFactory = _ => 0 };

    private readonly Option<FileInfo> outputFile = new("--output", "-o") { Description = "Write to this file instead of stdout." };

    public ExportCommand(CliContext context)
        : base("export", "Export audit events as JSON Lines.", context)
    {
        Options.Add(afterSeq);
        Options.Add(outputFile);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = parseResult.GetValue(outputFile);
        var writer = file is null ? Context.Environment.Stdout : new StreamWriter(file.FullName, append: false, new UTF8Encoding(false));
        var count = 0L;
        try
        {
            count = await WithClientAsync(parseResult, async client =>
            {
                var written = 0L;
                long? cursor = parseResult.GetValue(afterSeq);
                while (cursor is { } after)
                {
                    var page = await client.Audit.ListEventsAsync(after, PageSize, cancellationToken: cancellationToken);
                    foreach (var e in page.Events)
                    {
                        await writer.WriteAsync(e.ToJsonString() + "\n");
                        written++;
                    }

                    cursor = page.NextAfterSeq;
                }

                return written;
            });

            await writer.FlushAsync(cancellationToken);
        }
        finally
        {
            if (file is not null)
            {
                await writer.DisposeAsync();
            }
        }

        if (file is not null)
        {
            OutputFor(parseResult).Info($"Exported {count} events to {file.FullName}.");
        }

        return ExitCodes.Success;
    }
}
