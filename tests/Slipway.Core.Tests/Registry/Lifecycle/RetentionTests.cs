using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Lifecycle;

public sealed class RetentionTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task With_30_versions_the_dry_run_lists_what_goes_the_real_run_archives_exactly_that_and_protected_versions_survive(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("churn", versions: 30);
        await api.SetAliasAsync("churn", "champion", 7);
        await api.OkAsync(api.HoldAsync("churn", 12, "audit-2026", "kept for the audit"), HttpStatusCode.Created);
        await api.Mlflow.OkAsync("model-versions/transition-stage", new { name = "churn", version = "3", stage = "Production" });
        var (deleted, _) = await api.Mlflow.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/model-versions/delete")
        {
            Content = JsonContent.Create(new { name = "churn", version = "1" }),
        });
        Assert.Equal(HttpStatusCode.OK, deleted);
        await api.OkAsync(api.SetPolicyAsync("churn", new { keep_newest = 10, delete_files_after_days = 30 }));

        var dry = await api.OkAsync(api.RunAsync("churn", dryRun: true));
        Assert.True(dry.GetProperty("dry_run").GetBoolean());
        // Live, non-archived versions are 2..30; the newest 10 (21..30) stay, 2..20 are selected; 3, 7 and 12 are protected.
        var expected = Enumerable.Range(2, 19).Except([3, 7, 12]).ToArray();
        Assert.Equal(expected, LifecycleApi.Versions(dry.GetProperty("archived")));
        Assert.Equal([3, 7, 12], LifecycleApi.Versions(dry.GetProperty("protected")));
        var reasons = dry.GetProperty("protected").EnumerateArray().Select(p => p.GetProperty("reason").GetString()!).ToArray();
        Assert.Contains("stage Production", reasons[0], StringComparison.Ordinal);
        Assert.Contains("alias 'champion'", reasons[1], StringComparison.Ordinal);
        Assert.Contains("manual 'audit-2026'", reasons[2], StringComparison.Ordinal);
        Assert.Equal("not among the newest 10 versions", dry.GetProperty("archived")[0].GetProperty("reason").GetString());
        Assert.Empty(dry.GetProperty("files_deleted").EnumerateArray());
        Assert.Equal("None", (await api.MlflowVersionAsync("churn", 2)).GetProperty("current_stage").GetString());

        var real = await api.OkAsync(api.RunAsync("churn", dryRun: false));
        Assert.False(real.GetProperty("dry_run").GetBoolean());
        Assert.Equal(expected, LifecycleApi.Versions(real.GetProperty("archived")));
        Assert.Equal(
            dry.GetProperty("archived").EnumerateArray().Select(i => i.GetProperty("reason").GetString()),
            real.GetProperty("archived").EnumerateArray().Select(i => i.GetProperty("reason").GetString()));
        Assert.Empty(real.GetProperty("skipped").EnumerateArray());

        foreach (var version in Enumerable.Range(2, 29))
        {
            var stage = (await api.MlflowVersionAsync("churn", version)).GetProperty("current_stage").GetString();
            Assert.Equal(expected.Contains(version) ? "Archived" : version == 3 ? "Production" : "None", stage);
        }

        Assert.Equal("7", (await api.Mlflow.GetOkAsync("registered-models/alias?name=churn&alias=champion")).GetProperty("model_version").GetProperty("version").GetString());
        var again = await api.OkAsync(api.RunAsync("churn", dryRun: true));
        Assert.Empty(again.GetProperty("archived").EnumerateArray());

        var history = (await api.OkAsync(api.VersionHistoryAsync("churn", 2))).GetProperty("items");
        Assert.Equal(["MODEL_VERSION.ARCHIVED", "MODEL_VERSION.CREATED"], history.EnumerateArray().Select(Kind));
        var archived = history[0];
        Assert.Equal("admin", archived.GetProperty("actor").GetString());
        Assert.Equal("retention: not among the newest 10 versions", archived.GetProperty("data").GetProperty("reason").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_files_of_archived_versions_are_deleted_only_after_the_grace_period_and_never_for_held_ones(Provider provider)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = await SlipwayTestServer.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("fraud", versions: 4);
        // Every version has its registry copy since it was created (MLmodel and data/weights.bin).
        var key = await StorageKeyAsync(server, "fraud", 1);
        // Disabled, so that the schedule (whose timer follows the fake clock too) stays out of it; on-demand runs still run.
        await api.OkAsync(api.SetPolicyAsync("fraud", new { keep_newest = 1, delete_files_after_days = 7, enabled = false }));
        var first = await api.OkAsync(api.RunAsync("fraud", dryRun: false));
        Assert.Equal([1, 2, 3], LifecycleApi.Versions(first.GetProperty("archived")));
        await api.OkAsync(api.HoldAsync("fraud", 2, "legal"), HttpStatusCode.Created);

        clock.Advance(TimeSpan.FromDays(6));
        Assert.Empty((await api.OkAsync(api.RunAsync("fraud", dryRun: true))).GetProperty("files_deleted").EnumerateArray());
        await api.OkAsync(api.RestoreAsync("fraud", 3));
        await api.OkAsync(api.ArchiveAsync("fraud", 3));

        clock.Advance(TimeSpan.FromDays(1));
        var dry = await api.OkAsync(api.RunAsync("fraud", dryRun: true));
        Assert.Equal([1], LifecycleApi.Versions(dry.GetProperty("files_deleted")));
        Assert.Contains(dry.GetProperty("protected").EnumerateArray(), p => p.GetProperty("version").GetInt32() == 2
            && p.GetProperty("reason").GetString()!.Contains("held by manual 'legal'", StringComparison.Ordinal));
        Assert.NotNull(await OpenAsync(server, key));

        var real = await api.OkAsync(api.RunAsync("fraud", dryRun: false));
        Assert.Equal([1], LifecycleApi.Versions(real.GetProperty("files_deleted")));
        Assert.Equal("archived more than 7 days ago (the grace period)", real.GetProperty("files_deleted")[0].GetProperty("reason").GetString());
        Assert.Null(await OpenAsync(server, key));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            Assert.False(await db.ModelVersionFiles.AnyAsync(f => f.Version == 1));
            Assert.True(await db.ModelVersionFiles.AnyAsync(f => f.Version == 2));
            var row = await db.ModelVersions.SingleAsync(v => v.Version == 1);
            Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), row.FilesDeletedAt);
        }

        var refused = LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionFilesDeletedCode, await api.RestoreAsync("fraud", 1));
        Assert.Contains("files were deleted", refused, StringComparison.Ordinal);
        var deleted = (await api.OkAsync(api.VersionHistoryAsync("fraud", 1))).GetProperty("items")[0];
        Assert.Equal("FILES_DELETED", deleted.GetProperty("action").GetString());
        Assert.Equal(key, deleted.GetProperty("data").GetProperty("storage_key").GetString());
        Assert.Equal(2, deleted.GetProperty("data").GetProperty("files").GetInt32());

        clock.Advance(TimeSpan.FromDays(6));
        var later = await api.OkAsync(api.RunAsync("fraud", dryRun: false));
        Assert.Equal([3], LifecycleApi.Versions(later.GetProperty("files_deleted")));
        await api.OkAsync(api.RestoreAsync("fraud", 2));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_schedule_runs_enabled_policies_as_system_retention(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Registry:RetentionInterval"] = "00:00:01" });
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("nightly", versions: 3);
        await api.CreateModelAsync("paused", versions: 3);
        await api.OkAsync(api.SetPolicyAsync("paused", new { keep_newest = 1, enabled = false }));
        await api.OkAsync(api.SetPolicyAsync("nightly", new { keep_newest = 1 }));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        JsonElement history;
        do
        {
            history = await api.OkAsync(api.VersionHistoryAsync("nightly", 2));
            if (history.GetProperty("items").GetArrayLength() > 1)
            {
                break;
            }

            await Task.Delay(100);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(30));

        Assert.Equal(["MODEL_VERSION.ARCHIVED", "MODEL_VERSION.CREATED"], history.GetProperty("items").EnumerateArray().Select(Kind));
        var archived = history.GetProperty("items")[0];
        Assert.Equal("system:retention", archived.GetProperty("actor").GetString());
        Assert.Equal("Archived", (await api.MlflowVersionAsync("nightly", 1)).GetProperty("current_stage").GetString());
        Assert.Equal("None", (await api.MlflowVersionAsync("nightly", 3)).GetProperty("current_stage").GetString());
        Assert.NotEqual(JsonValueKind.Null, (await api.OkAsync(api.PolicyAsync("nightly"))).GetProperty("last_run_at").ValueKind);
        Assert.Equal("None", (await api.MlflowVersionAsync("paused", 1)).GetProperty("current_stage").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_policy_is_validated_set_read_and_removed_and_each_change_is_in_the_model_history(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("ranker", versions: 1);
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.PolicyAsync("ranker"));
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.RunAsync("ranker", dryRun: true));
        LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SetPolicyAsync("ranker", new { keep_newest = 0 }));
        LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.SetPolicyAsync("ranker", new { archive_after_days = -1 }));
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.SetPolicyAsync("missing", new { keep_newest = 3 }));

        var set = await api.OkAsync(api.SetPolicyAsync("ranker", new { keep_newest = 3, archive_after_days = 90 }));
        Assert.Equal(3, set.GetProperty("keep_newest").GetInt32());
        Assert.Equal(90, set.GetProperty("archive_after_days").GetInt32());
        Assert.Equal(30, set.GetProperty("delete_files_after_days").GetInt32());
        Assert.True(set.GetProperty("enabled").GetBoolean());
        Assert.Equal("admin", set.GetProperty("updated_by").GetString());
        await api.OkAsync(api.SetPolicyAsync("ranker", new { keep_newest = 5, enabled = false }));
        Assert.False((await api.OkAsync(api.PolicyAsync("ranker"))).GetProperty("enabled").GetBoolean());
        using (var removed = await server.Client.DeleteAsync("api/v1/models/ranker/retention"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.PolicyAsync("ranker"));

        var items = (await api.OkAsync(api.ModelHistoryAsync("ranker"))).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("entity").GetString() == "RETENTION_POLICY").ToList();
        Assert.Equal(["DELETED", "SET", "SET"], items.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(5, items[1].GetProperty("data").GetProperty("after").GetProperty("keep_newest").GetInt32());
        Assert.Equal(3, items[1].GetProperty("data").GetProperty("before").GetProperty("keep_newest").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("data").GetProperty("before").ValueKind);
    }

    private static string Kind(JsonElement e) => e.GetProperty("entity").GetString() + "." + e.GetProperty("action").GetString();

    /// <summary>The key of the registry-owned copy a version got when it was created.</summary>
    private static async Task<string> StorageKeyAsync(SlipwayTestServer server, string name, int version)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var model = await db.RegisteredModels.SingleAsync(m => m.Name == name);
        var key = await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && v.Version == version).Select(v => v.StorageKey).SingleAsync();
        Assert.Equal($"registry/{model.Id}/{version}", key);
        return key!;
    }

    private static async Task<ArtifactReadStream?> OpenAsync(SlipwayTestServer server, string key)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var file = await scope.ServiceProvider.GetRequiredService<IArtifactStore>().OpenReadAsync($"{key}/MLmodel", CancellationToken.None);
        if (file is not null)
        {
            await file.DisposeAsync();
        }

        return file;
    }
}
