using System.Net;
using System.Text;
using Slipway.Client.Tests.Support;
using Slipway.Contracts.Serving;
using Slipway.Tests.Models;

namespace Slipway.Client.Tests.Client;

public sealed class DeploymentsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>A model with two servable ONNX versions, the first aliased champion.</summary>
    internal static async Task<string> RegisterAsync(ServerFixture fixture)
    {
        var name = "dep-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        for (var i = 0; i < 2; i++)
        {
            await using var onnx = File.OpenRead(TestModels.AdultCensus.OnnxPath);
            await fixture.Client.Models.UploadAsync(name, onnx, ModelPackages.OnnxFile);
        }

        await fixture.Mlflow.OkAsync("registered-models/alias", new { name, alias = "champion", version = "1" });
        return name;
    }

    [Fact]
    public async Task A_deployment_is_created_read_listed_replaced_and_deleted()
    {
        var model = await RegisterAsync(fixture);
        var deployments = fixture.Client.Deployments;
        var spec = new DeploymentSpec(model, [
            new RouteSpec("champion", new TargetSpec(model, Alias: "champion"), Weight: 90),
            new RouteSpec("challenger", new TargetSpec(model, Version: 2), Weight: 10),
        ], Limits: new LimitsSpec(DeadlineMs: 250));

        var created = await deployments.CreateAsync(spec);
        Assert.Equal((model, 1, 250), (created.Deployment.Name, created.Generation, created.Deployment.Limits!.DeadlineMs));
        Assert.Equal([1, 2], created.Status.Select(s => s.Version));
        Assert.Equal(created.Deployment.Routes.Count, (await deployments.GetAsync(model)).Deployment.Routes.Count);
        Assert.Contains(await deployments.ListAsync(), d => d.Deployment.Name == model);

        var updated = await deployments.UpdateAsync(spec with { Routes = [spec.Routes[0]], Limits = null });
        Assert.Equal((2, 1), (updated.Generation, updated.Deployment.Routes.Count));
        Assert.Null(updated.Deployment.Limits);

        var yaml = $"deployment: {model}\nroutes:\n  - {{ id: only, target: {{ model: {model}, version: 2 }} }}\n";
        var fromYaml = await deployments.UpdateFromDocumentAsync(model, yaml, "application/yaml");
        Assert.Equal("only", Assert.Single(fromYaml.Deployment.Routes).Id);

        await deployments.DeleteAsync(model);
        var missing = await Assert.ThrowsAsync<SlipwayApiException>(() => deployments.GetAsync(model));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_refused_spec_throws_with_the_rule_s_code()
    {
        var model = await RegisterAsync(fixture);
        var spec = new DeploymentSpec(model, [new RouteSpec("a", new TargetSpec(model, Version: 7))]);
        var refused = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Deployments.CreateAsync(spec));
        Assert.Equal((HttpStatusCode.BadRequest, "target_version_not_found"), (refused.StatusCode, refused.Code));
    }

    [Fact]
    public async Task Token_limits_are_set_and_listed()
    {
        var token = await fixture.Client.Tokens.CreateAsync("limited-" + Guid.NewGuid().ToString("N")[..8]);
        var set = await fixture.Client.Tokens.SetLimitsAsync(token.Token.Id, new TokenLimitsRequest("sheddable", "standard", RatePerSecond: 5, Burst: 10));
        Assert.Equal(("sheddable", 5.0), (set.Limits!.DefaultTier, set.Limits.RatePerSecond));
        var listed = (await fixture.Client.Tokens.ListAsync()).Single(t => t.Id == token.Token.Id);
        Assert.Equal(10, listed.Limits!.Burst);
        var refused = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Tokens.SetLimitsAsync(token.Token.Id, new TokenLimitsRequest(Burst: 0)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Theory]
    [InlineData(InferenceProtocol.Mlflow, null, "/mlflow/income/invocations", null)]
    [InlineData(InferenceProtocol.V2, null, "/v2/models/income/infer", null)]
    [InlineData(InferenceProtocol.V2, 7, "/v2/models/income/versions/7/infer", null)]
    [InlineData(InferenceProtocol.V1, 7, "/v1/models/income:predict", "7")]
    [InlineData(InferenceProtocol.Mlflow, 3, "/mlflow/income/invocations", "3")]
    public async Task Predict_posts_the_body_as_is_to_the_protocol_s_path_and_reads_the_metadata(InferenceProtocol protocol, int? version, string path, string? targetHeader)
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var client = new SlipwayClient(http, "tok");
        var result = await client.Deployments.PredictAsync(
            "income", "age,hours\n39,40\n", protocol, new PredictOptions { ContentType = "text/csv", Version = version, Priority = "sheddable" });

        var request = handler.Request!;
        Assert.Equal((HttpMethod.Post, path), (request.Method, request.RequestUri!.AbsolutePath));
        Assert.Equal("age,hours\n39,40\n", handler.Body);
        Assert.Equal("text/csv", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("sheddable", request.Headers.GetValues("X-Slipway-Priority").Single());
        Assert.Equal(targetHeader, request.Headers.TryGetValues("X-Slipway-Target-Version", out var values) ? values.Single() : null);
        Assert.Equal("Bearer tok", request.Headers.Authorization!.ToString());
        Assert.Equal(
            (HttpStatusCode.OK, """{"predictions":[0.8]}""", "income", "census", "4", "pid-1", "champion", "standard", "req-1"),
            (result.StatusCode, result.Body, result.Deployment, result.Model, result.ModelVersion, result.PredictionId, result.Route, result.Tier, result.RequestId));
    }

    [Fact]
    public async Task A_serving_error_becomes_an_exception_with_the_slipway_code()
    {
        var handler = new RecordingHandler
        {
            Answer = new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent("""{"error_code":"BAD_REQUEST","message":"missing required input(s) ['age']","slipway_code":"INPUT_MISSING"}""", Encoding.UTF8, "application/json"),
            },
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => new SlipwayClient(http).Deployments.PredictAsync("income", "{}"));
        Assert.Equal(("INPUT_MISSING", "missing required input(s) ['age']"), (error.Code, error.Message));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        public string? Body { get; private set; }

        public HttpResponseMessage? Answer { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            if (Answer is not null)
            {
                return Answer;
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"predictions":[0.8]}""", Encoding.UTF8, "application/json") };
            foreach (var (name, value) in new[]
            {
                ("X-Slipway-Deployment", "income"), ("X-Slipway-Model", "census"), ("X-Slipway-Model-Version", "4"), ("X-Slipway-Prediction-Id", "pid-1"),
                ("X-Slipway-Route", "champion"), ("X-Slipway-Tier", "standard"), ("X-Request-Id", "req-1"),
            })
            {
                response.Headers.Add(name, value);
            }

            return response;
        }
    }
}
