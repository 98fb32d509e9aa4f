using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Mlflow;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>
/// Bodies for responses that carry only a status (an unknown route, a wrong method): MLflow's JSON error on MLflow
/// paths, where clients parse <c>error_code</c>, and problem details everywhere else.
/// </summary>
public static class StatusCodeBodies
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (MlflowRoutes.IsMlflowPath(http.Request.Path))
        {
            var message = http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed
                ? $"The method {http.Request.Method} is not allowed on this endpoint; see the Allow header."
                : "This API endpoint does not exist.";
            await MlflowResults.Error(MlflowErrorCode.EndpointNotFound, message, http.Response.StatusCode).ExecuteAsync(http);
            return;
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http });
    }
}
