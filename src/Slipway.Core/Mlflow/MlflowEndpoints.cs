using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;

namespace Slipway.Core.Mlflow;

/// <summary>The MLflow wire API: tracking, logged models and the artifact proxy, plus JSON 404s for unknown RPCs.</summary>
public static class MlflowEndpoints
{
    public static IEndpointRouteBuilder MapMlflow(this IEndpointRouteBuilder app)
    {
        app.MapMlflowExperiments();
        app.MapMlflowRuns();
        app.MapMlflowLoggedModels();

        // Unknown RPCs under the MLflow prefixes get MLflow's JSON 404 (experiments/list, removed in 2.0, stays 404).
        foreach (var prefix in new[] { "/api/2.0", "/api/3.0", "/ajax-api/2.0", "/ajax-api/3.0" })
        {
            app.MapFallback(prefix + "/{**rest}", () => MlflowResults.Error(MlflowErrorCode.EndpointNotFound, "This API endpoint does not exist.", 404))
                .WithName("MlflowNotFound" + prefix.Replace("/", "_", StringComparison.Ordinal).Replace(".", "_", StringComparison.Ordinal))
                .RequirePermission(Permission.Read)
                .ExcludeFromDescription();
        }

        return app;
    }
}
