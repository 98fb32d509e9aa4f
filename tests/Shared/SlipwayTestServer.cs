using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Amazon.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slipway.Core.Governance;
using Slipway.Server;

namespace Slipway.Tests;

/// <summary>
/// A real Slipway server on 127.0.0.1 with a random port, its own data directory and a fresh database
/// (a new SQLite file, or a new PostgreSQL database). Everything it logs is captured in <see cref="Logs"/>.
/// </summary>
public sealed class SlipwayTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string? postgresDatabase;

    private SlipwayTestServer(WebApplication app, string dataDir, string? postgresDatabase, string adminToken, Uri baseAddress, ConcurrentQueue<string> logs)
    {
        this.app = app;
        this.postgresDatabase = postgresDatabase;
        DataDir = dataDir;
        AdminToken = adminToken;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = CreateClient(adminToken);
    }

    public string DataDir { get; }

    public string AdminToken { get; }

    public Uri BaseAddress { get; }

    /// <summary>An HttpClient that sends the admin token as a Bearer token.</summary>
    public HttpClient Client { get; }

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<SlipwayTestServer> StartAsync(
        Provider provider = Provider.Sqlite,
        bool s3 = false,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("slipway-test-").FullName;
        var overrides = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["DataDir"] = dataDir,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        };
        string? database = null;
        if (provider == Provider.Postgres)
        {
            database = await TestPostgres.CreateDatabaseAsync();
            overrides["Database:Provider"] = "Postgres";
            overrides["Database:ConnectionString"] = TestPostgres.ConnectionStringFor(database);
        }

        if (s3)
        {
            foreach (var (key, value) in await TestS3.CreateBucketSettingsAsync())
            {
                overrides[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var logs = new ConcurrentQueue<string>();
        var app = SlipwayServer.Build([], overrides, b =>
        {
            b.Logging.ClearProviders();
            b.Logging.AddProvider(new CapturingLoggerProvider(logs));
            configure?.Invoke(b);
        });
        using var console = new StringWriter();
        await DatabaseInitializerFor(app, console);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // A second replica may share the first one's data dir (settings["DataDir"]), where the admin token was written.
        var token = (await File.ReadAllTextAsync(Path.Combine(overrides["DataDir"]!, InitialAdminToken.FileName))).Trim();
        return new SlipwayTestServer(app, dataDir, database, token, new Uri(address + "/"), logs);
    }

    private static Task DatabaseInitializerFor(WebApplication app, TextWriter console) =>
        SlipwayServer.InitializeAsync(app, console, CancellationToken.None);

    /// <summary>An HttpClient with the given token, or none when <paramref name="token"/> is null.</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropDatabaseAsync(postgresDatabase);
        }

        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown; the OS temp cleaner takes it.
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
