using System.Net;
using Slipway.Core.Governance;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving.Telemetry;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_need_a_platform_admin_and_use_the_spec_names_and_the_prometheus_text_format()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var userId = await TestPrincipals.CreateUserAsync(server, "workspace-admin");
        await TestPrincipals.BindAsync(server, team, Core.Governance.Access.BuiltinRoles.WorkspaceAdminId, userId);
        using var workspaceAdmin = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, userId, "workspace-admin"), "team");
        using var anonymous = server.CreateClient(null);

        using (var refused = await anonymous.GetAsync("metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var refused = await workspaceAdmin.GetAsync("metrics"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var response = await server.Client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        foreach (var name in new[]
                 {
                     "slipway_inference_requests_total", "slipway_inference_rows_total", "slipway_inference_request_duration_seconds",
                     "slipway_inference_queue_duration_seconds", "slipway_inference_stage_duration_seconds", "slipway_batch_executions_total",
                     "slipway_batch_rows", "slipway_batch_isolation_retries_total", "slipway_queue_requests", "slipway_inflight_requests",
                     "slipway_requests_rejected_total", "slipway_validation_failures_total", "slipway_model_state",
                     "slipway_model_load_duration_seconds", "slipway_model_loads_total", "slipway_model_unloads_total",
                     "slipway_model_memory_bytes", "slipway_process_resident_memory_bytes", "slipway_cold_start_wait_seconds",
                     "slipway_route_weight", "slipway_shadow_requests_total", "slipway_alias_switches_total",
                     "slipway_prediction_log_records_total", "slipway_prediction_log_dropped_total",
                 })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }

        var rss = text.Split('\n').Single(line => line.StartsWith("slipway_process_resident_memory_bytes ", StringComparison.Ordinal));
        Assert.True(double.Parse(rss.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) > 1_000_000, rss);
    }

    [Fact]
    public async Task Metrics_can_be_opened_to_anonymous_scrapers_by_setting()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Serving:Metrics:AllowAnonymous"] = "true" });
        using var anonymous = server.CreateClient(null);

        using var response = await anonymous.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("slipway_prediction_log_records_total", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
