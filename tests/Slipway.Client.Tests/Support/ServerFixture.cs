using Slipway.Tests;

namespace Slipway.Client.Tests.Support;

/// <summary>
/// One real server (SQLite) shared by a test class. Tests create what they need under unique names, so they
/// do not interfere.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private SlipwayTestServer? server;

    public SlipwayTestServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public MlflowApi Mlflow => new(Server.Client);

    /// <summary>An SDK client with the admin token.</summary>
    public SlipwayClient Client => new(Server.Client);

    public async Task InitializeAsync() => server = await SlipwayTestServer.StartAsync(Provider.Sqlite);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
