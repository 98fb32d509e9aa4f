using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Lifecycle;

public sealed class ArchiveVersionTests
{
    private static string Kind(System.Text.Json.JsonElement e) => e.GetProperty("entity").GetString() + "." + e.GetProperty("action").GetString();

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Archiving_a_version_that_an_alias_points_to_or_that_is_held_is_refused_naming_the_alias_or_hold(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("churn", versions: 3);
        await api.SetAliasAsync("churn", "champion", 1);
        await api.OkAsync(api.HoldAsync("churn", 2, "INC-42", "incident review"), HttpStatusCode.Created);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var holds = scope.ServiceProvider.GetRequiredService<VersionHolds>();
            Assert.True((await holds.AddAsync("churn", "2", HoldKinds.Deployment, "eu-prod", "serves traffic", CancellationToken.None)).IsSuccess);
        }

        var aliased = LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionProtectedCode, await api.ArchiveAsync("churn", 1));
        Assert.Contains("alias 'champion' points to it", aliased, StringComparison.Ordinal);
        var held = LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionProtectedCode, await api.ArchiveAsync("churn", 2));
        Assert.Contains("held by deployment 'eu-prod' (serves traffic)", held, StringComparison.Ordinal);
        Assert.Contains("held by manual 'INC-42' (incident review)", held, StringComparison.Ordinal);
        Assert.Equal("None", (await api.MlflowVersionAsync("churn", 1)).GetProperty("current_stage").GetString());
        // Refusals record nothing: the history holds only the creation and the alias.
        Assert.Equal(["MODEL_VERSION_ALIAS.CREATED", "MODEL_VERSION.CREATED"],
            (await api.OkAsync(api.VersionHistoryAsync("churn", 1))).GetProperty("items").EnumerateArray().Select(Kind));

        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.ArchiveAsync("churn", 9));
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.ArchiveAsync("missing", 1));
        LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.ArchiveAsync("churn", 0));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task An_archived_version_shows_stage_Archived_gets_no_alias_and_is_restored_to_its_earlier_stage(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("churn", versions: 2);
        await api.Mlflow.OkAsync("model-versions/transition-stage", new { name = "churn", version = "1", stage = "Staging" });

        var archived = await api.OkAsync(api.ArchiveAsync("churn", 1, "superseded by v2"));
        Assert.Equal("Archived", archived.GetProperty("stage").GetString());
        Assert.True(archived.GetProperty("archived_at").GetInt64() > 0);
        var mlflow = await api.MlflowVersionAsync("churn", 1);
        Assert.Equal("Archived", mlflow.GetProperty("current_stage").GetString());
        var search = await api.Mlflow.GetOkAsync("model-versions/search?filter=" + Uri.EscapeDataString("name='churn'"));
        Assert.Equal(2, search.GetProperty("model_versions").GetArrayLength());

        LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionArchivedCode, await api.ArchiveAsync("churn", 1));
        var (status, body) = await api.Mlflow.PostAsync("registered-models/alias", new { name = "churn", alias = "champion", version = "1" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("RESOURCE_CONFLICT", body.GetProperty("error_code").GetString());
        Assert.Contains("is archived", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        MlflowApi.AssertError(HttpStatusCode.Conflict, "RESOURCE_CONFLICT",
            await api.Mlflow.PostAsync("model-versions/transition-stage", new { name = "churn", version = "1", stage = "Production" }));

        var restored = await api.OkAsync(api.RestoreAsync("churn", 1));
        Assert.Equal("Staging", restored.GetProperty("stage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, restored.GetProperty("archived_at").ValueKind);
        Assert.Equal("Staging", (await api.MlflowVersionAsync("churn", 1)).GetProperty("current_stage").GetString());
        LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionNotArchivedCode, await api.RestoreAsync("churn", 1));
        await api.SetAliasAsync("churn", "champion", 1);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_version_history_records_who_did_what_when_with_before_and_after_and_pages_newest_first(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("churn", versions: 2);
        var before = DateTimeOffset.FromUnixTimeMilliseconds(0);
        await api.OkAsync(api.HoldAsync("churn", 1, "review"), HttpStatusCode.Created);
        await api.OkAsync(api.UnholdAsync("churn", 1, "manual", "review"), HttpStatusCode.NoContent);
        await api.OkAsync(api.ArchiveAsync("churn", 1, "replaced"));
        await api.OkAsync(api.RestoreAsync("churn", 1));

        var page = await api.OkAsync(api.VersionHistoryAsync("churn", 1, "?limit=3"));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["RESTORED", "ARCHIVED", "HOLD_REMOVED"], items.Select(e => e.GetProperty("action").GetString()));
        Assert.All(items, e =>
        {
            Assert.Equal("admin", e.GetProperty("actor").GetString());
            Assert.Equal("churn", e.GetProperty("model_name").GetString());
            Assert.Equal(1, e.GetProperty("version").GetInt32());
            Assert.True(DateTimeOffset.FromUnixTimeMilliseconds(e.GetProperty("timestamp").GetInt64()) > before);
        });
        var archived = items[1].GetProperty("data");
        Assert.Equal("replaced", archived.GetProperty("reason").GetString());
        Assert.Equal("None", archived.GetProperty("before").GetProperty("stage").GetString());
        Assert.Equal("Archived", archived.GetProperty("after").GetProperty("stage").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, archived.GetProperty("before").GetProperty("archived_at").ValueKind);
        Assert.Equal(
            items[0].GetProperty("data").GetProperty("before").GetProperty("archived_at").GetInt64(),
            archived.GetProperty("after").GetProperty("archived_at").GetInt64());
        Assert.Equal("review", items[2].GetProperty("data").GetProperty("hold").GetProperty("reference").GetString());

        var cursor = page.GetProperty("next_cursor").GetString();
        var rest = await api.OkAsync(api.VersionHistoryAsync("churn", 1, "?limit=3&cursor=" + cursor));
        Assert.Equal(["MODEL_VERSION.HOLD_ADDED", "MODEL_VERSION.CREATED"], rest.GetProperty("items").EnumerateArray().Select(Kind));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rest.GetProperty("next_cursor").ValueKind);
        Assert.Equal(["MODEL_VERSION.CREATED"], (await api.OkAsync(api.VersionHistoryAsync("churn", 2))).GetProperty("items").EnumerateArray().Select(Kind));

        // The model's history holds every change of the model and its versions, alias moves included.
        await api.SetAliasAsync("churn", "champion", 1);
        await api.SetAliasAsync("churn", "champion", 2);
        var model = (await api.OkAsync(api.ModelHistoryAsync("churn"))).GetProperty("items");
        Assert.Equal(
            [
                "MODEL_VERSION_ALIAS.MOVED 2", "MODEL_VERSION_ALIAS.CREATED 2", "MODEL_VERSION_ALIAS.CREATED 1", "MODEL_VERSION.RESTORED 1", "MODEL_VERSION.ARCHIVED 1",
                "MODEL_VERSION.HOLD_REMOVED 1", "MODEL_VERSION.HOLD_ADDED 1", "MODEL_VERSION.CREATED 2", "MODEL_VERSION.CREATED 1", "REGISTERED_MODEL.CREATED ",
            ],
            model.EnumerateArray().Select(e => Kind(e) + " " + (e.GetProperty("version").ValueKind == System.Text.Json.JsonValueKind.Null ? "" : e.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var moved = model[0].GetProperty("data");
        Assert.Equal(("champion", "1", "2"), (moved.GetProperty("alias").GetString(), moved.GetProperty("from").GetString(), moved.GetProperty("to").GetString()));
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.VersionHistoryAsync("churn", 3));
        LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.VersionHistoryAsync("churn", 1, "?cursor=abc"));
        LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.ModelHistoryAsync("churn", "?limit=0"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task An_alias_set_at_the_same_time_as_an_archive_either_wins_or_is_refused_never_both(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        const int count = 20;
        await api.CreateModelAsync("race", versions: count);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, count).Select(async version =>
        {
            var archive = api.ArchiveAsync("race", version);
            var alias = api.Mlflow.PostAsync("registered-models/alias", new { name = "race", alias = $"a{version}x", version = $"{version}" });
            var results = await Task.WhenAll(archive, alias);
            return (Version: version, Archived: results[0].Status == HttpStatusCode.OK, Aliased: results[1].Status == HttpStatusCode.OK);
        }));

        foreach (var (version, archived, aliased) in outcomes)
        {
            Assert.True(archived != aliased, $"version {version}: archived={archived}, aliased={aliased}");
            var row = await api.MlflowVersionAsync("race", version);
            Assert.Equal(archived, row.GetProperty("current_stage").GetString() == "Archived");
            Assert.Equal(aliased, row.TryGetProperty("aliases", out var aliases) && aliases.GetArrayLength() == 1);
        }
    }
}
