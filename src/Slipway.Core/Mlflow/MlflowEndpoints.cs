using Microsoft.AspNetCore.Routing;

namespace Slipway.Core.Mlflow;

/// <summary>The MLflow wire API: experiments, runs and logged models (the artifact proxy maps itself).</summary>
public static class MlflowEndpoints
{
    public static IEndpointRouteBuilder MapMlflow(this IEndpointRouteBuilder app)
    {
        app.MapMlflowExperiments();
        app.MapMlflowRuns();
        app.MapMlflowLoggedModels();

        // Unknown RPCs have no endpoint: after authentication they get MLflow's JSON 404 from StatusCodeBodies
        // (experiments/list, removed in 2.0, stays 404), and a wrong method gets 405 with an Allow header.
        return app;
    }
}
