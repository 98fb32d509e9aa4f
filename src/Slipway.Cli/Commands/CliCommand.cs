using System.CommandLine;
using System.Net;
using Slipway.Cli.Output;
using Slipway.Client;

namespace Slipway.Cli.Commands;

/// <summary>
/// A leaf command: runs <see cref="ExecuteAsync"/> and turns the failures it expects into a message on standard
/// error and an exit code from <see cref="ExitCodes"/>. Anything else is a bug and surfaces as one.
/// </summary>
internal abstract class CliCommand : Command
{
    protected CliCommand(string name, string description, CliContext context)
        : base(name, description)
    {
        Context = context;
        SetAction(InvokeAsync);
    }

    protected CliContext Context { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken);

    protected CliOutput OutputFor(ParseResult parseResult) =>
        new(Context.Environment, Options.Contains(Context.Json) && parseResult.GetValue(Context.Json));

    private async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = OutputFor(parseResult);
        try
        {
            return await ExecuteAsync(parseResult, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Fail("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (CommandException e)
        {
            output.Fail(e.Message);
            return e.ExitCode;
        }
        catch (SlipwayApiException e)
        {
            output.Fail($"Error: {e.Message}");
            return e.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unauthorized,
                HttpStatusCode.NotFound => ExitCodes.NotFound,
                _ => ExitCodes.ApiError,
            };
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            output.Fail("The server did not answer in time.");
            return ExitCodes.ConnectionFailure;
        }
        catch (HttpIOException e)
        {
            output.Fail($"The connection to the server broke off: {e.Message}");
            return ExitCodes.ConnectionFailure;
        }
        catch (InvalidDataException e)
        {
            output.Fail($"Error: {e.Message}");
            return ExitCodes.ApiError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Fail($"Error: {e.Message}");
            return ExitCodes.FileSystemError;
        }
    }
}
