using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Audit;

internal static class AuditTestSupport
{
    public static async Task<JsonElement[]> EventsAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>("api/v1/audit/events?limit=1000" + query);
        return [.. page.GetProperty("events").EnumerateArray()];
    }

    public static async Task<JsonElement> VerifyAsync(HttpClient client, string? checkpoint = null)
    {
        var response = await client.PostAsJsonAsync("api/v1/audit/verify", new { checkpoint });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string[] ProblemKinds(JsonElement verification) =>
        [.. verification.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()!)];

    public static async Task ExecuteSqlAsync(SlipwayTestServer server, string sql)
    {
        using var scope = server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().Database.ExecuteSqlRawAsync(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    /// <summary>The first event of every install: the initial admin token's creation.</summary>
    public const string Bootstrap = "api_token.create";

    /// <summary>Writes a few registry changes, each one audit event.</summary>
    public static async Task CreateModelsAsync(SlipwayTestServer server, int count, string prefix = "m")
    {
        var api = new MlflowApi(server.Client);
        for (var i = 0; i < count; i++)
        {
            await api.OkAsync("registered-models/create", new { name = $"{prefix}{i}" });
        }
    }
}
