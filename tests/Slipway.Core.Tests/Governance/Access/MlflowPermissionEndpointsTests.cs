using System.Net;
using System.Text.Json;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Results;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

public sealed class MlflowPermissionEndpointsTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Experiment_permissions_round_trip_as_grants_under_api_and_ajax_api(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var erin = await AccessTestData.AddUserAsync(server, "erin");
        var experiment = await AccessTestData.AddExperimentAsync(server, Workspace.DefaultId, "churn");
        foreach (var prefix in new[] { "api/2.0/mlflow", "ajax-api/2.0/mlflow" })
        {
            var created = await server.Client.PostAsJsonAsync($"{prefix}/experiments/permissions/create", new { experiment_id = $"{experiment}", username = "erin", permission = "READ" });
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var body = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("experiment_permission");
            Assert.Equal($"{experiment}", body.GetProperty("experiment_id").GetString());
            Assert.Equal(erin.UserId, body.GetProperty("user_id").GetInt64());
            Assert.Equal("READ", body.GetProperty("permission").GetString());
            Assert.Equal(Permission.Read, await AccessTestData.LevelAsync(server, erin, Workspace.DefaultId, ResourceTypes.Experiment, $"{experiment}"));

            var duplicate = await server.Client.PostAsJsonAsync($"{prefix}/experiments/permissions/create", new { experiment_id = $"{experiment}", username = "erin", permission = "EDIT" });
            Assert.Equal("RESOURCE_ALREADY_EXISTS", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());

            var updated = await server.Client.PatchAsJsonAsync($"{prefix}/experiments/permissions/update", new { experiment_id = $"{experiment}", username = "erin", permission = "MANAGE" });
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            Assert.Equal("{}", await updated.Content.ReadAsStringAsync());
            var got = await server.Client.GetFromJsonAsync<JsonElement>($"{prefix}/experiments/permissions/get?experiment_id={experiment}&username=erin");
            Assert.Equal("MANAGE", got.GetProperty("experiment_permission").GetProperty("permission").GetString());
            Assert.Equal(Permission.Manage, await AccessTestData.LevelAsync(server, erin, Workspace.DefaultId, ResourceTypes.Experiment, $"{experiment}"));

            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{prefix}/experiments/permissions/delete")
            {
                Content = JsonContent.Create(new { experiment_id = $"{experiment}", username = "erin" }),
            };
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(delete)).StatusCode);
            Assert.Null(await AccessTestData.LevelAsync(server, erin, Workspace.DefaultId, ResourceTypes.Experiment, $"{experiment}"));
            var gone = await server.Client.GetAsync($"{prefix}/experiments/permissions/get?experiment_id={experiment}&username=erin");
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        }

        var invalid = await server.Client.PostAsJsonAsync("api/2.0/mlflow/experiments/permissions/create", new { experiment_id = $"{experiment}", username = "erin", permission = "OWNER" });
        Assert.Equal("INVALID_PARAMETER_VALUE", (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        var unknownUser = await server.Client.PostAsJsonAsync("api/2.0/mlflow/experiments/permissions/create", new { experiment_id = $"{experiment}", username = "nobody", permission = "READ" });
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        var unknownExperiment = await server.Client.PostAsJsonAsync("api/2.0/mlflow/experiments/permissions/create", new { experiment_id = "999", username = "erin", permission = "READ" });
        Assert.Equal(HttpStatusCode.NotFound, unknownExperiment.StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Registered_model_permissions_round_trip_by_name_and_NO_PERMISSIONS_removes_the_grant(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var erin = await AccessTestData.AddUserAsync(server, "erin");
        var model = await AccessTestData.AddRegisteredModelAsync(server, Workspace.DefaultId, "fraud");
        var created = await server.Client.PostAsJsonAsync("api/2.0/mlflow/registered-models/permissions/create", new { name = "fraud", username = "erin", permission = "EDIT" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registered_model_permission");
        Assert.Equal("fraud", body.GetProperty("name").GetString());
        Assert.Equal(erin.UserId, body.GetProperty("user_id").GetInt64());
        Assert.Equal(Permission.Edit, await AccessTestData.LevelAsync(server, erin, Workspace.DefaultId, ResourceTypes.RegisteredModel, $"{model}"));

        var grants = await server.Client.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/default/grants?resource_type=registered_model&resource_id=fraud");
        Assert.Equal("erin", grants.EnumerateArray().Single().GetProperty("principal").GetString());

        var none = await server.Client.PatchAsJsonAsync("api/2.0/mlflow/registered-models/permissions/update", new { name = "fraud", username = "erin", permission = "NO_PERMISSIONS" });
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Null(await AccessTestData.LevelAsync(server, erin, Workspace.DefaultId, ResourceTypes.RegisteredModel, $"{model}"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/2.0/mlflow/registered-models/permissions/get?name=fraud&username=erin")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/2.0/mlflow/registered-models/permissions/get?name=absent&username=erin")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Only_callers_with_MANAGE_on_the_experiment_change_its_permissions(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var owner = await AccessTestData.AddUserAsync(server, "owner");
        var editor = await AccessTestData.AddUserAsync(server, "editor");
        await AccessTestData.AddUserAsync(server, "erin");
        var experiment = await AccessTestData.AddExperimentAsync(server, Workspace.DefaultId, "churn");
        await server.Client.PutAsJsonAsync("api/v1/workspaces/default/grants", new { user = "owner", resource_type = "experiment", resource_id = $"{experiment}", level = "MANAGE" });
        await server.Client.PutAsJsonAsync("api/v1/workspaces/default/grants", new { user = "editor", resource_type = "experiment", resource_id = $"{experiment}", level = "EDIT" });

        var byEditor = await AccessTestData.AsAsync<ResourcePermissions, Result<ResourcePermission>>(server, async h =>
            await h.WriteAsync(editor, await h.ExperimentAsync($"{experiment}", CancellationToken.None), "erin", "READ", GrantWrite.CreateOnly, CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, byEditor.Error?.Kind);
        var byOwner = await AccessTestData.AsAsync<ResourcePermissions, Result<ResourcePermission>>(server, async h =>
            await h.WriteAsync(owner, await h.ExperimentAsync($"{experiment}", CancellationToken.None), "erin", "USE", GrantWrite.CreateOnly, CancellationToken.None));
        Assert.True(byOwner.IsSuccess, byOwner.Error?.Message);
    }
}
