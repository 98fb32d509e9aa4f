using Microsoft.AspNetCore.Routing;

namespace Slipway.Core.Mlflow;

/// <summary>The MLflow wire API: experiments, runs, logged models and the artifact proxy.</summary>
public static class MlflowEndpoints
{
    public static IEndpointRouteBuilder MapMlflow(this IEndpointRouteBuilder app)
    {
        app.MapMlflowExperiments();
        app.MapMlflowRuns();
        app.MapMlflowLoggedModels();
        app.MapMlflowRegistry();
        app.MapMlflowWebhooks();
        app.MapMlflowUsers();
        app.MapMlflowPermissions();
        app.MapMlflowArtifacts();

        // Unknown RPCs have no endpoint: after authentication they get MLflow's JSON 404 from StatusCodeBodies
        // (experiments/list, removed in 2.0, stays 404), and a wrong method gets 405 with an Allow header.
        return app;
    }
}
