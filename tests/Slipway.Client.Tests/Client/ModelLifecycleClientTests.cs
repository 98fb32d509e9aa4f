using System.Net;
using Slipway.Client.Tests.Support;
using Slipway.Contracts.Registry;

namespace Slipway.Client.Tests.Client;

public sealed class ModelLifecycleClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_version_is_held_archived_restored_and_its_history_paged_through_the_SDK()
    {
        var name = "sdk/" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        for (var i = 1; i <= 2; i++)
        {
            await fixture.Mlflow.PutArtifactsAsync($"models/{name}/{i}");
            await fixture.Mlflow.OkAsync("model-versions/create", new { name, source = $"mlflow-artifacts:/models/{name}/{i}" });
        }

        var lifecycle = fixture.Client.ModelLifecycle;

        var hold = await lifecycle.HoldAsync(name, 1, "release-7", "shipped");
        Assert.Equal("manual", hold.Kind);
        var refused = await Assert.ThrowsAsync<SlipwayApiException>(() => lifecycle.ArchiveAsync(name, 1));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("version_protected", refused.Code);
        await lifecycle.UnholdAsync(name, 1, "release-7");
        Assert.Empty(await lifecycle.ListHoldsAsync(name, 1));

        var archived = await lifecycle.ArchiveAsync(name, 1, "replaced by 2");
        Assert.Equal("Archived", archived.Stage);
        Assert.NotNull(archived.ArchivedAt);
        var restored = await lifecycle.RestoreAsync(name, 1);
        Assert.Equal("None", restored.Stage);

        await lifecycle.SetRetentionAsync(name, new RetentionPolicyRequest(KeepNewest: 1, ArchiveAfterDays: null, DeleteFilesAfterDays: 3, Enabled: false));
        Assert.Equal(3, (await lifecycle.GetRetentionAsync(name)).DeleteFilesAfterDays);
        var preview = await lifecycle.RunRetentionAsync(name, dryRun: true);
        Assert.Equal(1, Assert.Single(preview.Archived).Version);
        await lifecycle.DeleteRetentionAsync(name);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<SlipwayApiException>(() => lifecycle.GetRetentionAsync(name))).StatusCode);

        var first = await lifecycle.GetVersionHistoryAsync(name, 1, limit: 2);
        Assert.Equal(["RESTORED", "ARCHIVED"], first.Items.Select(e => e.Action));
        Assert.Equal("replaced by 2", first.Items[1].Data.GetProperty("reason").GetString());
        var rest = await lifecycle.GetVersionHistoryAsync(name, 1, limit: 2, cursor: first.NextCursor);
        Assert.Equal(["HOLD_REMOVED", "HOLD_ADDED"], rest.Items.Select(e => e.Action));
        Assert.Contains((await lifecycle.GetModelHistoryAsync(name)).Items, e => e.Entity == "RETENTION_POLICY" && e.Action == "DELETED");
    }
}
