using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Cli;
using Slipway.Client.Tests.Support;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Client.Tests.Cli.Commands.Audit;

public sealed class AuditCommandTests
{
    [Fact]
    public async Task Verify_passes_on_a_clean_log_and_against_a_checkpoint_file_and_reports_an_edited_event()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite);
        var mlflow = new MlflowApi(server.Client);
        for (var i = 0; i < 3; i++)
        {
            await mlflow.OkAsync("registered-models/create", new { name = $"m{i}" });
        }

        (await server.Client.PostAsync("api/v1/audit/checkpoints", null)).EnsureSuccessStatusCode();
        var checkpoint = Directory.GetFiles(Path.Combine(server.DataDir, "audit-checkpoints"), "checkpoint-*.txt").Max()!;
        var cli = new CliRunner(server.BaseAddress, server.AdminToken);

        var clean = (await cli.RunAsync("audit", "verify", "--against", checkpoint)).AssertExit(ExitCodes.Success);
        Assert.Contains("OK: 4 events verified", clean.Stdout, StringComparison.Ordinal);

        using (var scope = server.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().Database
                .ExecuteSqlRawAsync("UPDATE audit_events SET action = 'registered_model.deleted' WHERE seq = 2");
        }

        var tampered = (await cli.RunAsync("audit", "verify")).AssertExit(ExitCodes.ApiError);
        Assert.Contains("hash_mismatch at seq 2", tampered.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAILED", tampered.Stderr, StringComparison.Ordinal);
        var json = (await cli.RunAsync("audit", "verify", "--json")).AssertExit(ExitCodes.ApiError).Json;
        Assert.False(json.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Export_writes_the_events_after_a_cursor_as_JSON_lines_to_stdout_or_a_file()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite);
        var mlflow = new MlflowApi(server.Client);
        for (var i = 0; i < 3; i++)
        {
            await mlflow.OkAsync("registered-models/create", new { name = $"m{i}" });
        }

        var cli = new CliRunner(server.BaseAddress, server.AdminToken);
        var exported = (await cli.RunAsync("audit", "export", "--after-seq", "1")).AssertExit(ExitCodes.Success);
        var lines = exported.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([2L, 3L, 4L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64()));
        Assert.All(lines, l => Assert.Equal("registered_model.created", JsonDocument.Parse(l).RootElement.GetProperty("action").GetString()));
        Assert.All(lines, l => Assert.DoesNotContain(server.AdminToken, l, StringComparison.Ordinal));

        using var tree = new TempTree();
        var file = tree.PathOf("audit.jsonl");
        (await cli.RunAsync("audit", "export", "--output", file)).AssertExit(ExitCodes.Success);
        var all = await File.ReadAllLinesAsync(file);
        // The first export is on record too: each export is an audit.export event, after the range it exported.
        Assert.Equal(5, all.Length);
        Assert.Equal("api_token.create", JsonDocument.Parse(all[0]).RootElement.GetProperty("action").GetString());
        Assert.Equal("audit.export", JsonDocument.Parse(all[4]).RootElement.GetProperty("action").GetString());

        var cef = (await cli.RunAsync("audit", "export", "--format", "cef", "--after-seq", "5")).AssertExit(ExitCodes.Success).Stdout;
        Assert.StartsWith("CEF:0|Slipway|Slipway|", cef, StringComparison.Ordinal);
        Assert.Contains("|audit.export|audit.export|3|", cef, StringComparison.Ordinal);
        Assert.Contains(" cn1Label=seq cn1=6 ", cef, StringComparison.Ordinal);
    }
}
