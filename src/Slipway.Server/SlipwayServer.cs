using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Slipway.Core;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Server;

/// <summary>Builds and runs the Slipway server; used by Program and by <c>slipway server</c>.</summary>
public static class SlipwayServer
{
    public const string EnvironmentPrefix = "SLIPWAY_";

    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? overrides, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Configuration.AddCommandLine(args);

        var errors = SlipwayOptionsValidator.Validate(builder.Configuration);
        if (errors.Count > 0)
        {
            throw new InvalidConfigurationException(errors);
        }

        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // The console logger with every formatter, chosen by Logging:Console:FormatterName (simple, json, systemd).
        // The slim builder pins the simple formatter, so the configuration is applied again after it.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
        builder.Services.AddOptions<SlipwayOptions>().Bind(builder.Configuration);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        builder.AddSlipwayDatabase();
        builder.Services.AddSlipway();
        builder.AddServingTracing();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeBodies.WriteAsync);
        app.UseMiddleware<BrowserGuard>();
        app.UseRouting();
        app.UseMiddleware<AccessControlMiddleware>();
        app.MapSlipway();
        return app;
    }

    /// <summary>Builds, initializes the database and serves until stopped. Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? overrides, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        WebApplication app;
        try
        {
            app = Build(args, overrides);
        }
        catch (InvalidConfigurationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        await using (app)
        {
            var built = clock.Elapsed;
            await InitializeAsync(app, Console.Out, cancellationToken);
            var initialized = clock.Elapsed;
            await app.StartAsync(cancellationToken);
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Slipway.Server")
                .Started(built.TotalMilliseconds, (initialized - built).TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }

    public static async Task InitializeAsync(WebApplication app, TextWriter console, CancellationToken cancellationToken)
    {
        await DatabaseInitializer.InitializeAsync(app.Services, cancellationToken);
        await InitialAdminToken.EnsureAsync(app.Services, console, cancellationToken);
    }
}
