using Microsoft.AspNetCore.Routing;

namespace Slipway.Core.Mlflow;

public static class MlflowEndpoints
{
    public static IEndpointRouteBuilder MapMlflow(this IEndpointRouteBuilder app)
    {
        app.MapMlflowArtifacts();
        return app;
    }
}
