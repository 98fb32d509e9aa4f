using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Tracking.Experiments;
using Slipway.Core.Tracking.LoggedModels;
using Slipway.Core.Tracking.Runs;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tracking;

public static class TrackingServiceCollectionExtensions
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<TrackingMetrics>();
        services.AddScoped<CreateExperiment>();
        services.AddScoped<GetExperiment>();
        services.AddScoped<UpdateExperiment>();
        services.AddScoped<SetExperimentLifecycle>();
        services.AddScoped<ExperimentTags>();
        services.AddScoped<SearchExperiments>();
        services.AddScoped<RunLoader>();
        services.AddScoped<CreateRun>();
        services.AddScoped<GetRun>();
        services.AddScoped<UpdateRun>();
        services.AddScoped<SetRunLifecycle>();
        services.AddScoped<LogBatch>();
        services.AddScoped<DeleteRunTag>();
        services.AddScoped<SearchRuns>();
        services.AddScoped<GetMetricHistory>();
        services.AddScoped<LogInputs>();
        services.AddScoped<LogModel>();
        services.AddScoped<LogOutputs>();
        services.AddScoped<LoggedModelLoader>();
        services.AddScoped<CreateLoggedModel>();
        services.AddScoped<UpdateLoggedModel>();
        services.AddScoped<SearchLoggedModels>();
        return services;
    }
}
