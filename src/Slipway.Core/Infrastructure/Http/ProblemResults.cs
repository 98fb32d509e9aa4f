using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>Maps an <see cref="Error"/> to RFC 9457 problem details for the native API (STYLE §3.4).</summary>
public static class ProblemResults
{
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.AlreadyExists => StatusCodes.Status409Conflict,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult Problem(Error error)
    {
        var status = StatusFor(error.Kind);
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleFor(error.Kind),
            Detail = error.Message,
            Type = $"https://slipway.dev/problems/{error.Code.Replace('_', '-')}",
        };
        problem.Extensions["code"] = error.Code;
        if (error.Field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [error.Field] = [error.Message] };
        }

        return TypedResults.Problem(problem);
    }

    private static string TitleFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => "The request is invalid.",
        ErrorKind.NotFound => "The resource does not exist.",
        ErrorKind.AlreadyExists => "The resource already exists.",
        ErrorKind.Conflict => "The request conflicts with the current state.",
        ErrorKind.Unauthenticated => "Authentication is required.",
        ErrorKind.Forbidden => "Permission denied.",
        ErrorKind.TooManyRequests => "Too many attempts.",
        ErrorKind.Unavailable => "The service is temporarily unavailable.",
        ErrorKind.Internal => "Internal error.",
        _ => "Internal error.",
    };
}
