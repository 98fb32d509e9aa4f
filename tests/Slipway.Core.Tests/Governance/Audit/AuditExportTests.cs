using Slipway.Core.Governance.Audit;
using Slipway.Tests;
using static Slipway.Core.Tests.Governance.Audit.AuditTestSupport;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>Exports from a cursor as JSON Lines or CEF, each export itself audited; CEF fields cannot break out of their place.</summary>
public sealed class AuditExportTests
{
    [Fact]
    public void CEF_escapes_pipes_and_backslashes_in_the_header_and_equals_backslashes_and_newlines_in_extensions()
    {
        Assert.Equal("a\\|b\\\\c d e", AuditCef.Header("a|b\\c\nd\r\ne"));
        Assert.Equal("k\\=v\\\\w\\nx\\ry|z", AuditCef.Extension("k=v\\w\nx\ry|z"));

        var line = AuditCef.Format(new AuditEvent
        {
            Seq = 7,
            Id = "01J0000000000000000000000",
            Ts = "2026-03-01T12:00:00.123Z",
            Schema = AuditHashing.Schema,
            Action = "experiment.create|x",
            Outcome = AuditOutcomes.Denied,
            Actor = """{"type":"user","name":"eve act=forged\nCEF:0|evil"}""",
            Resource = """{"type":"experiment","id":"3","name":"a=b\\c|d"}""",
            PrevHash = AuditHashing.GenesisHash,
            Hash = "h=",
        });

        Assert.DoesNotContain('\n', line);
        Assert.StartsWith($"CEF:0|Slipway|Slipway|{AuditCef.Version}|experiment.create\\|x|experiment.create\\|x|6|rt=1772366400123 ", line, StringComparison.Ordinal);
        Assert.Contains(" suser=eve act\\=forged\\nCEF:0|evil ", line, StringComparison.Ordinal);
        Assert.Contains(" cs3=a\\=b\\\\c|d ", line, StringComparison.Ordinal);
        Assert.Contains(" cn1Label=seq cn1=7 ", line, StringComparison.Ordinal);
        Assert.EndsWith(" cs5=h\\= cs6Label=prevHash cs6=" + AuditCef.Extension(AuditHashing.GenesisHash), line, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task An_export_from_a_cursor_writes_each_later_event_once_and_is_itself_audited(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        await CreateModelsAsync(server, 3);

        var jsonl = await server.Client.GetStringAsync("api/v1/audit/export?format=jsonl&after_seq=1");
        var seqs = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64());
        Assert.Equal([2L, 3L, 4L], seqs);

        var cef = (await server.Client.GetStringAsync("api/v1/audit/export?format=cef&after_seq=3")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, cef.Length);
        Assert.Contains("|registered_model.created|registered_model.created|3|", cef[0], StringComparison.Ordinal);
        Assert.Contains("|audit.export|audit.export|3|", cef[1], StringComparison.Ordinal);

        var exports = await EventsAsync(server.Client, "&action=audit.export");
        Assert.Equal(2, exports.Length);
        var context = exports[1].GetProperty("context");
        Assert.Equal(("cef", 3, 5), (context.GetProperty("format").GetString(), context.GetProperty("after_seq").GetInt64(), context.GetProperty("through_seq").GetInt64()));
        Assert.Equal("admin", exports[1].GetProperty("actor").GetProperty("name").GetString());

        using var bad = await server.Client.GetAsync("api/v1/audit/export?format=xml");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);

        var verification = await VerifyAsync(server.Client);
        var verified = Assert.Single(await EventsAsync(server.Client, "&action=audit.verify"));
        Assert.Equal(("success", true), (verified.GetProperty("outcome").GetString(), verified.GetProperty("context").GetProperty("ok").GetBoolean()));
        Assert.True(verification.GetProperty("ok").GetBoolean());
    }
}
