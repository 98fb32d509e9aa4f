using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Browser;

/// <summary>One server for the class: these tests change nothing that another reads.</summary>
public sealed class BrowserGuardServer : IAsyncLifetime
{
    public SlipwayTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SlipwayTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>governance.md §8.8 "Browser / origin": what a web page in a victim's browser must not be able to do.</summary>
public sealed partial class BrowserGuardTests(BrowserGuardServer fixture) : IClassFixture<BrowserGuardServer>
{
    private SlipwayTestServer Server => fixture.Server;

    [Theory]
    [InlineData("api/2.0/mlflow/experiments/create")]
    [InlineData("ajax-api/2.0/mlflow/experiments/create")]
    [InlineData("api/v1/models")]
    public async Task Text_plain_post_to_json_api_is_refused_415(string path)
    {
        using var response = await Server.Client.PostAsync(path, new StringContent("{\"name\":\"csrf\"}", Encoding.UTF8, "text/plain"));

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, path.Contains("mlflow", StringComparison.Ordinal) ? "INVALID_PARAMETER_VALUE" : "unsupported_media_type");
        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("api/2.0/mlflow/experiments/get-by-name?experiment_name=csrf")).StatusCode);
    }

    [Fact]
    public async Task Form_post_to_json_api_is_refused_415()
    {
        using var form = await Server.Client.PostAsync("api/2.0/mlflow/experiments/create", new FormUrlEncodedContent([new("name", "form")]));
        await AssertRefusedAsync(form, HttpStatusCode.UnsupportedMediaType, "INVALID_PARAMETER_VALUE");

        using var multipart = new MultipartFormDataContent { { new StringContent("form"), "name" } };
        using var response = await Server.Client.PostAsync("api/v1/models", multipart);
        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        // A body without any Content-Type is no JSON either (fetch sends a Blob without one, no preflight).
        var untyped = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"untyped\"}"));
        using var none = await Server.Client.PostAsync("api/2.0/mlflow/experiments/create", untyped);
        await AssertRefusedAsync(none, HttpStatusCode.UnsupportedMediaType, "INVALID_PARAMETER_VALUE");
    }

    [Fact]
    public async Task Json_posts_bodiless_state_changes_and_file_uploads_still_pass()
    {
        using var json = await Server.Client.PostAsync("api/2.0/mlflow/experiments/create", new StringContent("{\"name\":\"json\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var id = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("experiment_id").GetString();

        var problemJson = new StringContent("{\"name\":\"m-json\"}", Encoding.UTF8);
        problemJson.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json; charset=utf-8");
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, (await Server.Client.PostAsync("api/v1/models", problemJson)).StatusCode);

        // Content-Length: 0.
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, (await Server.Client.PostAsync("api/v1/audit/verify", content: null)).StatusCode);

        // The artifact proxy takes any bytes.
        using var run = await Server.Client.PostAsJsonAsync("api/2.0/mlflow/runs/create", new { experiment_id = id });
        var artifactUri = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run").GetProperty("info").GetProperty("artifact_uri").GetString()!;
        var root = artifactUri[(artifactUri.IndexOf("artifacts/", StringComparison.Ordinal) + "artifacts/".Length)..];
        using var upload = await Server.Client.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{root}/notes.txt", new StringContent("plain text", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        // The registry's package upload takes octet-stream and multipart.
        using var package = await Server.Client.PostAsync("api/v1/models/guard-model/versions/upload?filename=model.onnx", new ByteArrayContent([1, 2, 3]));
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, package.StatusCode);
    }

    [Fact]
    public async Task Host_not_in_allowlist_is_refused_400()
    {
        // DNS rebinding: evil.example resolves to 127.0.0.1, and the browser sends its own name as Host.
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tokens");
        request.Headers.Host = "evil.example";
        using var response = await Server.Client.SendAsync(request);
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "host_not_allowed");

        foreach (var host in (string[])["localhost", $"127.0.0.1:{Server.BaseAddress.Port}", "[::1]:80", "10.1.2.3"])
        {
            using var allowed = new HttpRequestMessage(HttpMethod.Get, "api/v1/tokens");
            allowed.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await Server.Client.SendAsync(allowed)).StatusCode);
        }
    }

    [Fact]
    public async Task Host_allowlist_is_configurable_and_star_turns_it_off()
    {
        await using (var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Server:AllowedHosts:0"] = "slipway.example.com", ["Server:AllowedHosts:1"] = "*.corp.example" }))
        {
            Assert.Equal(HttpStatusCode.OK, (await SendWithHostAsync(server, "slipway.example.com")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await SendWithHostAsync(server, "ml.corp.example:8443")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await SendWithHostAsync(server, "localhost")).StatusCode);
        }

        await using (var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Server:AllowedHosts"] = "*" }))
        {
            Assert.Equal(HttpStatusCode.OK, (await SendWithHostAsync(server, "anything.example")).StatusCode);
        }
    }

    [Fact]
    public async Task Cross_origin_state_change_is_refused_403()
    {
        using (var request = Post("api/2.0/mlflow/experiments/create", "cross"))
        {
            request.Headers.Add("Origin", "https://evil.example");
            await AssertRefusedAsync(await Server.Client.SendAsync(request), HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        }

        using (var request = Post("api/v1/models", "cross"))
        {
            request.Headers.Add("Origin", "null");
            await AssertRefusedAsync(await Server.Client.SendAsync(request), HttpStatusCode.Forbidden, "cross_origin_refused");
        }

        using (var request = Post("api/v1/models", "cross"))
        {
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            await AssertRefusedAsync(await Server.Client.SendAsync(request), HttpStatusCode.Forbidden, "cross_origin_refused");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Server.Client.GetAsync("api/2.0/mlflow/experiments/get-by-name?experiment_name=cross")).StatusCode);

        // The server's own origin, and reads from anywhere, pass.
        using (var own = Post("api/2.0/mlflow/experiments/create", "same-origin"))
        {
            own.Headers.Add("Origin", Server.BaseAddress.GetLeftPart(UriPartial.Authority));
            own.Headers.Add("Sec-Fetch-Site", "same-origin");
            Assert.Equal(HttpStatusCode.OK, (await Server.Client.SendAsync(own)).StatusCode);
        }

        using var read = new HttpRequestMessage(HttpMethod.Get, "api/2.0/mlflow/experiments/get-by-name?experiment_name=same-origin");
        read.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.SendAsync(read)).StatusCode);
    }

    [Fact]
    public async Task An_allowed_origin_may_make_state_changes()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Server:AllowedOrigins:0"] = "https://ui.example.com/" });
        using var request = Post("api/2.0/mlflow/experiments/create", "from-ui");
        request.Headers.Add("Origin", "https://ui.example.com");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Csp_present()
    {
        foreach (var path in (string[])["api/v1/tokens", "health/live", "api/2.0/mlflow/experiments/get?experiment_id=0", "no/such/route"])
        {
            using var response = await Server.Client.GetAsync(path);
            Assert.Equal(BrowserGuardPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        }

        using var refused = await Server.CreateClient(token: null).GetAsync("api/v1/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("frame-ancestors 'none'", refused.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_page_loads_everything_from_this_server_under_its_policy()
    {
        using var page = await Server.Client.GetAsync("scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'unsafe-inline'", policy, StringComparison.Ordinal);
        // Every script it loads is on this server, so 'self' covers it.
        var sources = ScriptSources().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.False(Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"{source} is loaded from elsewhere");
            Assert.Equal(HttpStatusCode.OK, (await Server.Client.GetAsync(new Uri(new Uri(Server.BaseAddress, "scalar/v1"), source))).StatusCode);
        }
    }

    private const string BrowserGuardPolicy = Slipway.Core.Infrastructure.Http.BrowserGuard.ContentSecurityPolicy;

    private static HttpRequestMessage Post(string path, string name) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(new { name }) };

    private static async Task<HttpResponseMessage> SendWithHostAsync(SlipwayTestServer server, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tokens");
        request.Headers.Host = host;
        return await server.Client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.TryGetProperty("error_code", out var mlflow) ? mlflow.GetString() : body.GetProperty("code").GetString());
    }

    [GeneratedRegex("<script[^>]*\\bsrc=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSources();
}
