using System.Net;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Catalog;

/// <summary>The native /api/v1 registry over real HTTP, on SQLite and PostgreSQL.</summary>
public sealed class NativeRegistryApiTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_model_is_created_read_listed_renamed_described_tagged_and_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        await api.CreateModelAsync("churn", "weekly churn", new Dictionary<string, string> { ["team"] = "risk" });
        await api.CreateModelAsync("fraud/eu");

        var model = await api.GetAsync("models/churn");
        Assert.Equal("weekly churn", model.GetProperty("description").GetString());
        Assert.Equal("risk", model.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal("fraud/eu", (await api.GetAsync("models/fraud%2Feu")).GetProperty("name").GetString());

        var first = await api.GetAsync("models?limit=1&order_by=name");
        Assert.Equal("churn", first.GetProperty("items")[0].GetProperty("name").GetString());
        var second = await api.GetAsync("models?limit=1&order_by=name&cursor=" + first.GetProperty("next_cursor").GetString());
        Assert.Equal("fraud/eu", second.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.False(second.TryGetProperty("next_cursor", out var none) && none.ValueKind != System.Text.Json.JsonValueKind.Null);

        await api.OkAsync(HttpMethod.Put, "models/churn/tags/stage", new { value = "beta" }, HttpStatusCode.NoContent);
        await api.OkAsync(HttpMethod.Delete, "models/churn/tags/team", expected: HttpStatusCode.NoContent);
        var updated = await api.OkAsync(HttpMethod.Patch, "models/churn", new { name = "churn-v2", description = "daily churn" });
        Assert.Equal("churn-v2", updated.GetProperty("name").GetString());
        Assert.Equal("daily churn", updated.GetProperty("description").GetString());
        Assert.Equal(["stage"], updated.GetProperty("tags").EnumerateObject().Select(p => p.Name).ToArray());

        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/churn"));
        await api.OkAsync(HttpMethod.Delete, "models/churn-v2", expected: HttpStatusCode.NoContent);
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/churn-v2"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Bad_input_answers_4xx_with_a_code_and_changes_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        await api.CreateModelAsync("m");
        await api.CreateModelAsync("other");
        var version = await api.RegisterFromRunAsync("m");

        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Post, "models", new { description = "no name" }));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Post, "models", new { name = new string('n', 257) }));
        NativeApi.AssertProblem(HttpStatusCode.Conflict, "resource_already_exists", await api.SendAsync(HttpMethod.Post, "models", new { name = "m" }));
        NativeApi.AssertProblem(HttpStatusCode.Conflict, "resource_already_exists", await api.SendAsync(HttpMethod.Patch, "models/m", new { name = "other", description = "changed" }));
        Assert.Equal("", (await api.GetAsync("models/m")).GetProperty("description").GetString());
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/missing"));
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/m/versions/9"));
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/missing/versions"));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Get, "models/m/versions/abc"));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Get, "models/m/versions?cursor=garbage"));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Post, "models/m/versions/register", new { source = "file:///etc/passwd" }));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Post, "models/m/versions/1/stage", new { stage = "Prod" }));
        NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SendAsync(HttpMethod.Put, "models/m/tags/bad%22key", new { value = "x" }));

        foreach (var reserved in new[] { "v3", "V12", "latest", "Latest", "3" })
        {
            var response = await api.SendAsync(HttpMethod.Put, $"models/m/aliases/{reserved}", new { version });
            NativeApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", response);
            Assert.Contains(reserved, response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Put, "models/m/aliases/champion", new { version = 9 }));
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "alias_not_found", await api.SendAsync(HttpMethod.Get, "models/m/aliases/champion"));
        Assert.Empty((await api.GetAsync("models/m")).GetProperty("aliases").EnumerateObject());
        Assert.Single((await api.GetAsync("models/m/versions")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Versions_are_registered_listed_in_pages_read_with_digests_staged_tagged_and_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        await api.CreateModelAsync("m");
        var runId = await api.Mlflow.CreateRunAsync();
        await api.Mlflow.LogModelFilesAsync(runId);
        var created = await api.OkAsync(HttpMethod.Post, "models/m/versions/register",
            new { source = $"runs:/{runId}/model", run_id = runId, description = "first", tags = new Dictionary<string, string> { ["data"] = "2024" } }, HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal(runId, created.GetProperty("run_id").GetString());
        Assert.Equal("in_house", created.GetProperty("origin").GetString());
        Assert.False(string.IsNullOrEmpty(created.GetProperty("created_by").GetString()));
        // The files are copied into registry storage when the version is created; the source stays as given.
        Assert.Equal($"runs:/{runId}/model", created.GetProperty("source").GetString());
        Assert.Matches(@"^mlflow-artifacts:/registry/\d+/1$", created.GetProperty("storage_location").GetString());
        await api.RegisterFromRunAsync("m");
        await api.RegisterFromRunAsync("m");

        var page = await api.GetAsync("models/m/versions?limit=2");
        Assert.Equal([3, 2], page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("items")[0].GetProperty("files").ValueKind);
        var rest = await api.GetAsync("models/m/versions?limit=2&cursor=" + page.GetProperty("next_cursor").GetString());
        Assert.Equal([1], rest.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());

        var one = await api.GetAsync("models/m/versions/1");
        Assert.Equal("first", one.GetProperty("description").GetString());
        Assert.Equal("2024", one.GetProperty("tags").GetProperty("data").GetString());
        // The digests of the files logged by MlflowApi.LogModelFilesAsync.
        var files = one.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => (f.GetProperty("size").GetInt64(), f.GetProperty("sha256").GetString()));
        Assert.Equal(["MLmodel", "data/weights.bin"], files.Keys.Order(StringComparer.Ordinal));
        byte[] weights = [1, 2, 3, 4, 5, 6, 7, 8];
        Assert.Equal((8L, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights))), files["data/weights.bin"]);

        Assert.Equal("second", (await api.OkAsync(HttpMethod.Patch, "models/m/versions/1", new { description = "second" })).GetProperty("description").GetString());
        await api.OkAsync(HttpMethod.Post, "models/m/versions/1/stage", new { stage = "production" });
        var staged = await api.OkAsync(HttpMethod.Post, "models/m/versions/2/stage", new { stage = "Production", archive_existing_versions = true });
        Assert.Equal("Production", staged.GetProperty("stage").GetString());
        Assert.Equal("Archived", (await api.GetAsync("models/m/versions/1")).GetProperty("stage").GetString());

        await api.OkAsync(HttpMethod.Put, "models/m/versions/2/tags/validated", new { value = "yes" }, HttpStatusCode.NoContent);
        Assert.Equal("yes", (await api.GetAsync("models/m/versions/2")).GetProperty("tags").GetProperty("validated").GetString());
        await api.OkAsync(HttpMethod.Delete, "models/m/versions/2/tags/validated", expected: HttpStatusCode.NoContent);
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Delete, "models/m/versions/2/tags/validated"));

        await api.OkAsync(HttpMethod.Delete, "models/m/versions/3", expected: HttpStatusCode.NoContent);
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SendAsync(HttpMethod.Get, "models/m/versions/3"));
        Assert.Equal(4, await api.RegisterFromRunAsync("m"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task An_alias_is_set_resolved_moved_and_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new NativeApi(server);
        await api.CreateModelAsync("m");
        await api.RegisterFromRunAsync("m");
        await api.RegisterFromRunAsync("m");

        Assert.Equal(1, (await api.OkAsync(HttpMethod.Put, "models/m/aliases/champion", new { version = 1 })).GetProperty("version").GetInt32());
        Assert.Equal(["champion"], (await api.GetAsync("models/m/aliases/champion")).GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).ToArray());
        await api.OkAsync(HttpMethod.Put, "models/m/aliases/champion", new { version = 2 });
        Assert.Equal(2, (await api.GetAsync("models/m/aliases/champion")).GetProperty("version").GetInt32());
        Assert.Equal(2, (await api.GetAsync("models/m")).GetProperty("aliases").GetProperty("champion").GetInt32());
        Assert.Empty((await api.GetAsync("models/m/versions/1")).GetProperty("aliases").EnumerateArray());

        await api.OkAsync(HttpMethod.Delete, "models/m/aliases/champion", expected: HttpStatusCode.NoContent);
        NativeApi.AssertProblem(HttpStatusCode.NotFound, "alias_not_found", await api.SendAsync(HttpMethod.Get, "models/m/aliases/champion"));
    }
}
