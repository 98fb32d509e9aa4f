using Microsoft.AspNetCore.Routing;

namespace Slipway.Core.Tracking;

public static class TrackingEndpoints
{
    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
