using System.Data.Common;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>
/// The last resort for exceptions, which are bugs or infrastructure faults, never client mistakes. A fault that
/// passes (a busy or unreachable database, storage down, a timeout) answers 503 so that clients retry; anything
/// else answers 500 with an error id to quote, never a stack trace. MLflow paths get MLflow's error body.
/// </summary>
internal sealed class SlipwayExceptionHandler(ILogger<SlipwayExceptionHandler> logger) : Microsoft.AspNetCore.Diagnostics.IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            return true;
        }

        if (Find<BadHttpRequestException>(exception) is { } bad)
        {
            // A malformed or oversized request body: the client's mistake, never something to retry.
            var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
            var invalid = new Error(ErrorKind.Invalid, "invalid_parameter_value", $"The request could not be read: {bad.Message}");
            await Write(context, invalid, status);
            return true;
        }

        if (Find<DbException>(exception) is { SqlState: "22021" or "22P05" })
        {
            // PostgreSQL refuses NUL and bytes that are not UTF-8 in text; input checks catch what they know first.
            await Write(context, Error.Invalid("A text value holds a character that cannot be stored (such as NUL)."), StatusCodes.Status400BadRequest);
            return true;
        }

        var errorId = context.TraceIdentifier;
        var transient = IsTransient(exception);
        HttpLog.RequestFailed(logger, context.Request.Method, context.Request.Path, errorId, transient, exception);
        var error = transient
            ? new Error(ErrorKind.Unavailable, "temporarily_unavailable", $"A dependency of the server is unavailable; retry later (error id {errorId}).")
            : new Error(ErrorKind.Internal, "internal_error", $"The server failed to handle the request (error id {errorId}).");
        if (transient)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var result = MlflowRoutes.IsMlflowPath(context.Request.Path) ? MlflowResults.Error(error) : ProblemResults.Problem(error);
        await result.ExecuteAsync(context);
        return true;
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static Task Write(HttpContext context, Error error, int status)
    {
        if (MlflowRoutes.IsMlflowPath(context.Request.Path))
        {
            return MlflowResults.Error(MlflowErrorCode.For(error.Kind).Code, error.Message, status).ExecuteAsync(context);
        }

        var problem = ProblemResults.Problem(error);
        context.Response.StatusCode = status;
        return Microsoft.AspNetCore.Http.Results.Problem(problem.ProblemDetails.Detail, statusCode: status, title: problem.ProblemDetails.Title, extensions: problem.ProblemDetails.Extensions).ExecuteAsync(context);
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException => true,
        DbException db => db.IsTransient || IsBusy(db),
        AmazonServiceException s3 => (int)s3.StatusCode >= 500 || s3.StatusCode == 0,
        AmazonClientException => true,
        HttpRequestException => true,
        _ when exception.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };

    /// <summary>SQLite answers SQLITE_BUSY (5) or SQLITE_LOCKED (6) when the busy timeout runs out.</summary>
    private static bool IsBusy(DbException exception) => exception.GetType().Name == "SqliteException" && exception.ErrorCode is 5 or 6;
}
