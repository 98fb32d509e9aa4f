using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Slipway.Load.Hosting;

/// <summary>The start-up and memory baseline: <c>dotnet Slipway.Load.dll minimal-server --Urls …</c>.</summary>
internal static class MinimalServer
{
    public const string Verb = "minimal-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        await using var app = builder.Build();
        app.MapGet("/health/ready", () => TypedResults.Text("Ready"));
        await app.RunAsync();
        return 0;
    }
}
