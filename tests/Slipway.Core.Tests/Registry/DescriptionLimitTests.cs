using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slipway.Core.Registry;
using Slipway.Core.Tests.Registry.Lifecycle;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry;

/// <summary>Descriptions of registered models and versions hold up to <see cref="RegistryLimits.DescriptionLength"/> characters, on both APIs.</summary>
public sealed class DescriptionLimitTests
{
    private static readonly string AtLimit = string.Concat(Enumerable.Repeat("model ", RegistryLimits.DescriptionLength / 6)).PadRight(RegistryLimits.DescriptionLength, 'x');
    private static readonly string OverLimit = AtLimit + "x";

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_description_at_the_limit_is_kept_and_one_character_more_is_refused_changing_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("m", versions: 1);
        await api.Mlflow.PutArtifactsAsync("models/m/extra");

        // MLflow: create and update, model and version.
        AssertRefused(await api.Mlflow.PostAsync("registered-models/create", new { name = "long", description = OverLimit }));
        AssertRefused(await Patch(server.Client, "api/2.0/mlflow/registered-models/update", new { name = "m", description = OverLimit }));
        AssertRefused(await api.Mlflow.PostAsync("model-versions/create", new { name = "m", source = "mlflow-artifacts:/models/m/extra", description = OverLimit }));
        AssertRefused(await Patch(server.Client, "api/2.0/mlflow/model-versions/update", new { name = "m", version = "1", description = OverLimit }));

        // Native: create, update (the rename in the same request does not happen either), register, update a version.
        AssertProblem(await Send(server.Client, HttpMethod.Post, "api/v1/models", new { name = "long", description = OverLimit }));
        AssertProblem(await Send(server.Client, HttpMethod.Patch, "api/v1/models/m", new { name = "renamed", description = OverLimit }));
        AssertProblem(await Send(server.Client, HttpMethod.Post, "api/v1/models/m/versions/register", new { source = "mlflow-artifacts:/models/m/extra", description = OverLimit }));
        AssertProblem(await Send(server.Client, HttpMethod.Patch, "api/v1/models/m/versions/1", new { description = OverLimit }));

        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.Mlflow.GetAsync("registered-models/get?name=long"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.Mlflow.GetAsync("registered-models/get?name=renamed"));
        var model = (await api.Mlflow.GetOkAsync("registered-models/get?name=m")).GetProperty("registered_model");
        Assert.False(model.TryGetProperty("description", out var none) && none.GetString()!.Length > 0);
        Assert.Single(model.GetProperty("latest_versions").EnumerateArray());
        Assert.Equal("", (await api.MlflowVersionAsync("m", 1)).TryGetProperty("description", out var d) ? d.GetString() : "");

        // At the limit: stored and read back whole, on both APIs.
        await api.Mlflow.OkAsync("registered-models/create", new { name = "long", description = AtLimit });
        Assert.Equal(HttpStatusCode.OK, (await Patch(server.Client, "api/2.0/mlflow/registered-models/update", new { name = "m", description = AtLimit })).Status);
        var created = await api.Mlflow.OkAsync("model-versions/create", new { name = "m", source = "mlflow-artifacts:/models/m/extra", description = AtLimit });
        Assert.Equal(AtLimit, created.GetProperty("model_version").GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Send(server.Client, HttpMethod.Patch, "api/v1/models/m/versions/1", new { description = AtLimit })).Status);
        Assert.Equal(AtLimit, (await api.Mlflow.GetOkAsync("registered-models/get?name=long")).GetProperty("registered_model").GetProperty("description").GetString());
        Assert.Equal(AtLimit, (await api.MlflowVersionAsync("m", 1)).GetProperty("description").GetString());
    }

    private static void AssertRefused((HttpStatusCode Status, JsonElement Body) response)
    {
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", response);
        Assert.Contains($"'description' is {OverLimit.Length} characters; the limit is {RegistryLimits.DescriptionLength}", response.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static void AssertProblem((HttpStatusCode Status, JsonElement Body) response) =>
        Assert.Contains("the limit is 65536", LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", response), StringComparison.Ordinal);

    private static Task<(HttpStatusCode Status, JsonElement Body)> Patch(HttpClient client, string path, object body) => Send(client, HttpMethod.Patch, path, body);

    private static Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string path, object body) =>
        new MlflowApi(client).SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
}
