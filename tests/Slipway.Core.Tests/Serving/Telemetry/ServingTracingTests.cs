using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Slipway.Core.Serving.Telemetry;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving.Telemetry;

public sealed class ServingTracingTests
{
    [Fact]
    public async Task Nothing_is_traced_unless_an_otlp_endpoint_is_set()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        Assert.Null(server.Services.GetService<TracerProvider>());
        Assert.Equal("Slipway.Serving", ServingTelemetry.ActivitySource.Name);
    }

    [Fact]
    public async Task An_otlp_endpoint_turns_tracing_on()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9" });
        Assert.NotNull(server.Services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("Telemetry:OtlpEndpoint", "ftp://collector:4317")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "file:///tmp/x")]
    public async Task An_endpoint_that_is_not_http_stops_the_server(string key, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
