using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Slipway.Core.Serving.Telemetry;

public static class ServingTelemetryServiceCollectionExtensions
{
    /// <summary>Serving metrics, the prediction log and its writer, the read API's handlers, and their options.</summary>
    public static IServiceCollection AddServingTelemetry(this IServiceCollection services)
    {
        services.AddOptions<PredictionLogOptions>().BindConfiguration(PredictionLogOptions.SectionName);
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        // Try: the serving module may register the metrics itself; there is one registry per server either way.
        services.TryAddSingleton<ServingMetrics>();
        services.TryAddSingleton<PredictionLog>();
        services.AddHostedService<PredictionLogWriter>();
        services.AddScoped<ListPredictions>();
        services.AddScoped<GetPrediction>();
        return services;
    }

    /// <summary>
    /// OpenTelemetry tracing (<see cref="ServingTelemetry.SourceName"/> and ASP.NET Core requests) exported over OTLP,
    /// only when <c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: by default nothing
    /// listens to the activity sources, so tracing costs nothing. The endpoint is validated at start-up (http or https).
    /// </summary>
    public static TBuilder AddServingTracing<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var configured = builder.Configuration[$"{TracingOptions.SectionName}:{nameof(TracingOptions.OtlpEndpoint)}"];
        var standard = builder.Configuration[TracingOptions.StandardEndpointKey] ?? Environment.GetEnvironmentVariable(TracingOptions.StandardEndpointKey);
        if (TracingOptions.Endpoint(configured, standard) is null)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("slipway"))
            .WithTracing(tracing => tracing
                .AddSource(ServingTelemetry.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter =>
                {
                    // Without the setting the exporter reads the standard OTEL_EXPORTER_OTLP_* variables itself.
                    if (!string.IsNullOrWhiteSpace(configured))
                    {
                        exporter.Endpoint = new Uri(configured.Trim());
                    }
                }));
        return builder;
    }
}
