using System.CommandLine;
using Slipway.Cli.Configuration;
using Slipway.Client;

namespace Slipway.Cli.Commands;

/// <summary>A command that talks to a server: it takes <c>--url</c>, <c>--token</c> and <c>--json</c>.</summary>
internal abstract class ApiCommand : CliCommand
{
    /// <summary>How long an API call may take; artifact transfers have no limit, only a connect timeout.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    protected ApiCommand(string name, string description, CliContext context)
        : base(name, description, context)
    {
        Options.Add(context.Url);
        Options.Add(context.Token);
        Options.Add(context.Json);
    }

    /// <summary>Runs <paramref name="action"/> with a client for the resolved server, disposing it afterwards.</summary>
    protected Task<T> WithClientAsync<T>(ParseResult parseResult, Func<SlipwayClient, Task<T>> action) =>
        WithClientAsync(parseResult, RequestTimeout, action);

    /// <summary>Runs an artifact transfer, which may take as long as it needs once connected.</summary>
    protected Task TransferAsync(ParseResult parseResult, Func<SlipwayClient, Task> transfer) =>
        WithClientAsync(parseResult, Timeout.InfiniteTimeSpan, async client =>
        {
            await transfer(client);
            return true;
        });

    private async Task<T> WithClientAsync<T>(ParseResult parseResult, TimeSpan timeout, Func<SlipwayClient, Task<T>> action)
    {
        var connection = ServerConnection.Resolve(parseResult.GetValue(Context.Url), parseResult.GetValue(Context.Token), Context.Environment);
        using var handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
        using var http = new HttpClient(handler) { BaseAddress = connection.Url, Timeout = timeout };
        try
        {
            return await action(new SlipwayClient(http, connection.Token));
        }
        catch (SlipwayApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Unauthorized && connection.Token is null)
        {
            throw new CommandException(
                ExitCodes.Unauthorized,
                $"No token: pass --token, set ${ServerConnection.TokenVariable} or add \"token\" to {Context.Environment.ConfigFilePath}. ({e.Message})");
        }
        catch (HttpRequestException e) when (e.StatusCode is null)
        {
            throw new CommandException(ExitCodes.ConnectionFailure, $"Cannot reach the Slipway server at {connection.Url}: {e.Message}");
        }
    }
}
