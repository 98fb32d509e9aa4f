using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Tests;

namespace Slipway.Core.Tests.Infrastructure.Http;

/// <summary>The served OpenAPI document equals the committed src/Slipway.Server/openapi/v1.json, so API changes show in review.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_served_OpenAPI_document_matches_the_committed_one()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var served = Normalize(await server.Client.GetStringAsync("openapi/v1.json"));
        var path = Path.Combine(RepositoryRoot(), "src", "Slipway.Server", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("SLIPWAY_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served);
        }

        Assert.True(File.Exists(path), "Run the tests once with SLIPWAY_UPDATE_OPENAPI=1 to write " + path);
        Assert.Equal(Normalize(await File.ReadAllTextAsync(path)), served);
    }

    [Fact]
    public async Task The_API_reference_page_needs_a_token_and_is_served_with_one()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var anonymous = server.CreateClient(token: null);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("scalar/v1")).StatusCode);
        var page = await server.Client.GetStringAsync("scalar/v1");
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!;
        // The server address differs per run.
        node.AsObject().Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Slipway.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Slipway.slnx not found");
    }
}
