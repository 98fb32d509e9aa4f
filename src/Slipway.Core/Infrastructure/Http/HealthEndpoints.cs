using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>The only anonymous routes: liveness, readiness (the database answers) and MLflow's <c>/health</c>.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("").WithTags("Health").AllowAnonymousAccess();
        health.MapGet("/health/live", () => TypedResults.Text("Healthy")).WithName("HealthLive");
        health.MapGet("/health/ready", ReadyAsync).WithName("HealthReady");
        health.MapGet("/health", () => TypedResults.Text("OK")).WithName("HealthMlflow").ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReadyAsync(SlipwayDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? TypedResults.Text("Ready")
                : TypedResults.Problem("The database does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (InvalidOperationException)
        {
            return TypedResults.Problem("The database does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
