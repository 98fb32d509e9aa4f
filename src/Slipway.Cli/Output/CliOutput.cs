using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Slipway.Cli.Output;

/// <summary>
/// Data goes to standard output (a Spectre table, or JSON with <c>--json</c>); progress, warnings and errors go to
/// standard error, so <c>slipway ... --json | jq</c> sees only data.
/// </summary>
internal sealed class CliOutput
{
    private const int UnwrappedWidth = 4096;
    private readonly TextWriter stdout;

    public CliOutput(CliEnvironment environment, bool json)
    {
        stdout = environment.Stdout;
        Json = json;
        Out = CreateConsole(environment.Stdout);
        Error = CreateConsole(environment.Stderr);
    }

    public bool Json { get; }

    /// <summary>Standard output, for tables.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>Standard error, for progress and messages.</summary>
    public IAnsiConsole Error { get; }

    public async Task WriteJsonAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await stdout.WriteLineAsync(JsonSerializer.Serialize(value, typeInfo).AsMemory(), cancellationToken);
        await stdout.FlushAsync(cancellationToken);
    }

    public void Write(IRenderable renderable) => Out.Write(renderable);

    /// <summary>A line of plain text on standard output (never parsed as markup).</summary>
    public void WriteLine(string text) => Out.WriteLine(text);

    public void Info(string message) => Error.WriteLine(message, new Style(Color.Grey));

    public void Warn(string message) => Error.WriteLine(message, new Style(Color.Yellow));

    public void Fail(string message) => Error.WriteLine(message, new Style(Color.Red));

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        if (output.IsTerminal)
        {
            return AnsiConsole.Create(new AnsiConsoleSettings { Out = output });
        }

        // Piped or captured: plain text, no escape codes, and no wrapping (it would split ids and messages across lines).
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = output,
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }
}
