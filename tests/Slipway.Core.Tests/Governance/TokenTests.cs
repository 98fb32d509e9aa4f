using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance;

public sealed class TokenTests
{
    [Fact]
    public async Task Tokens_are_created_once_listed_without_secrets_and_revoked_by_name_or_id()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "ci" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("slw_", secret, StringComparison.Ordinal);

        using var ci = server.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await ci.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);
        using var basic = server.CreateClient(token: null);
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("anyone:" + secret)));
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);

        var listed = await server.Client.GetStringAsync("api/v1/tokens");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminToken, listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "ci" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "42" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "old", expires_at = 1 })).StatusCode);

        var id = body.GetProperty("token").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync($"api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ci.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync("api/v1/tokens/absent")).StatusCode);
    }

    [Fact]
    public async Task The_initial_admin_token_file_is_readable_by_the_owner_only_and_the_database_holds_its_hash()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var path = Path.Combine(server.DataDir, "initial-admin-token");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        // The database and its write-ahead log, where recent writes live until a checkpoint.
        var stored = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(server.DataDir, "slipway.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            stored.Append(await reader.ReadToEndAsync());
        }

        Assert.DoesNotContain(server.AdminToken, stored.ToString(), StringComparison.Ordinal);
        Assert.Contains(Slipway.Core.Governance.TokenFormat.Hash(server.AdminToken), stored.ToString(), StringComparison.Ordinal);
    }
}
