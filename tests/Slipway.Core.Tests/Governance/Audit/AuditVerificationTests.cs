using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;
using static Slipway.Core.Tests.Governance.Audit.AuditTestSupport;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>Edits made directly in the database, and forged checkpoints, are each found by verification.</summary>
public sealed class AuditVerificationTests
{
    private static async Task<SlipwayTestServer> StartWithEventsAsync(Provider provider, int count = 5)
    {
        var server = await SlipwayTestServer.StartAsync(provider);
        await CreateModelsAsync(server, count);
        var clean = await VerifyAsync(server.Client);
        Assert.True(clean.GetProperty("ok").GetBoolean(), clean.GetRawText());
        return server;
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task An_edited_event_is_detected(Provider provider)
    {
        await using var server = await StartWithEventsAsync(provider);
        await ExecuteSqlAsync(server, """UPDATE audit_events SET changes = '{"name":"forged"}' WHERE seq = 3""");
        var result = await VerifyAsync(server.Client);
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(["hash_mismatch"], ProblemKinds(result));
        Assert.Equal(3, result.GetProperty("problems")[0].GetProperty("seq").GetInt64());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_deleted_event_is_detected(Provider provider)
    {
        await using var server = await StartWithEventsAsync(provider);
        await ExecuteSqlAsync(server, "DELETE FROM audit_events WHERE seq = 2");
        var kinds = ProblemKinds(await VerifyAsync(server.Client));
        Assert.Contains("gap", kinds);
        Assert.Contains("chain_broken", kinds);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Two_events_with_swapped_seq_are_detected(Provider provider)
    {
        await using var server = await StartWithEventsAsync(provider);
        await ExecuteSqlAsync(server, "UPDATE audit_events SET seq = -1 WHERE seq = 2");
        await ExecuteSqlAsync(server, "UPDATE audit_events SET seq = 2 WHERE seq = 3");
        await ExecuteSqlAsync(server, "UPDATE audit_events SET seq = 3 WHERE seq = -1");
        var kinds = ProblemKinds(await VerifyAsync(server.Client));
        Assert.Contains("chain_broken", kinds);
        Assert.Contains("hash_mismatch", kinds);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_truncated_tail_is_detected_by_the_counter_and_by_the_checkpoint(Provider provider)
    {
        await using var server = await StartWithEventsAsync(provider);
        (await server.Client.PostAsync("api/v1/audit/checkpoints", null)).EnsureSuccessStatusCode();
        await ExecuteSqlAsync(server, "DELETE FROM audit_events WHERE seq >= 4");
        Assert.Contains("truncated", ProblemKinds(await VerifyAsync(server.Client)));

        // Rolling the counter back too (and dropping the record of the failed verification) still leaves the checkpoint,
        // which covers seven events (the bootstrap token, five models and the clean verification).
        await ExecuteSqlAsync(server, "DELETE FROM audit_events WHERE seq >= 4");
        await ExecuteSqlAsync(server, "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_events WHERE seq = 3)");
        var result = await VerifyAsync(server.Client);
        Assert.Equal(["truncated"], ProblemKinds(result));
        Assert.Equal(7, result.GetProperty("problems")[0].GetProperty("seq").GetInt64());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_checkpoint_file_is_written_and_a_later_rewrite_of_history_does_not_match_it(Provider provider)
    {
        await using var server = await StartWithEventsAsync(provider);
        var checkpoint = await (await server.Client.PostAsync("api/v1/audit/checkpoints", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, checkpoint.GetProperty("size").GetInt64());
        var file = Path.Combine(server.DataDir, "audit-checkpoints", "checkpoint-000000000007.txt");
        var text = await File.ReadAllTextAsync(file);
        Assert.Equal(checkpoint.GetProperty("text").GetString(), text);
        Assert.StartsWith("slipway/", text, StringComparison.Ordinal);
        Assert.Contains("/audit\n7\n", text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(server.DataDir, "audit-signing-key.pem")));
        }

        Assert.True((await VerifyAsync(server.Client, text)).GetProperty("ok").GetBoolean());

        // Rewrite event 2 and re-chain everything after it, as someone with the database but not the key would.
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var rows = await db.AuditEvents.OrderBy(e => e.Seq).ToListAsync();
            rows[1].Changes = """{"name":"rewritten"}""";
            for (var i = 1; i < rows.Count; i++)
            {
                rows[i].PrevHash = rows[i - 1].Hash;
                rows[i].Hash = AuditHashing.ComputeHash(rows[i]);
            }

            var head = await db.AuditHead.SingleAsync();
            head.Hash = rows[^1].Hash;
            await db.SaveChangesAsync();
        }

        Assert.Equal(["checkpoint_root", "checkpoint_root"], ProblemKinds(await VerifyAsync(server.Client, text)));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_forged_checkpoint_is_detected(Provider provider)
    {
        await using var server = await StartWithEventsAsync(provider);
        var text = (await (await server.Client.PostAsync("api/v1/audit/checkpoints", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("text").GetString()!;
        var lines = text.Split('\n');

        var signature = Convert.FromBase64String(lines[4][(lines[4].LastIndexOf(' ') + 1)..]);
        signature[^1] ^= 0x01;
        var badSignature = string.Join('\n', lines[..4]) + "\n" + lines[4][..(lines[4].LastIndexOf(' ') + 1)] + Convert.ToBase64String(signature) + "\n";
        Assert.Contains("checkpoint_signature", ProblemKinds(await VerifyAsync(server.Client, badSignature)));

        var otherRoot = Convert.ToBase64String(new byte[32]);
        var badRoot = text.Replace(lines[2], otherRoot, StringComparison.Ordinal);
        var kinds = ProblemKinds(await VerifyAsync(server.Client, badRoot));
        Assert.Contains("checkpoint_root", kinds);
        Assert.Contains("checkpoint_signature", kinds);

        // The stored checkpoint forged in the database is found without any file.
        await ExecuteSqlAsync(server, $"UPDATE audit_checkpoints SET text = '{badRoot}'");
        Assert.Contains("checkpoint_root", ProblemKinds(await VerifyAsync(server.Client)));
    }

    [Fact]
    public async Task Checkpoints_are_written_in_the_background_once_enough_events_have_come()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Audit:CheckpointEvery"] = "3",
            ["Audit:CheckpointInterval"] = "00:00:02",
        });
        await CreateModelsAsync(server, 3);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        HttpResponseMessage latest;
        while ((latest = await server.Client.GetAsync("api/v1/audit/checkpoints/latest")).StatusCode == System.Net.HttpStatusCode.NotFound && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        var checkpoint = await latest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(checkpoint.GetProperty("size").GetInt64() >= 3, checkpoint.GetRawText());
        Assert.True(File.Exists(Path.Combine(server.DataDir, "audit-checkpoints", $"checkpoint-{checkpoint.GetProperty("size").GetInt64():D12}.txt")));
        Assert.True((await VerifyAsync(server.Client)).GetProperty("ok").GetBoolean());
    }
}
