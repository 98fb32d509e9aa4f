using Microsoft.AspNetCore.Http;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Mlflow;

/// <summary>Writes MLflow's wire shapes: 200 with a JSON object, or <c>{"error_code","message"}</c>.</summary>
public static class MlflowResults
{
    private static readonly IResult EmptyObject = Results.Content("{}", "application/json");

    public static IResult Ok<T>(T body) => Results.Json(body, MlflowJson.Options);

    public static IResult Empty() => EmptyObject;

    public static IResult Error(Error error)
    {
        var (code, status) = MlflowErrorCode.For(error.Kind);
        return Error(code, error.Message, status);
    }

    public static IResult Error(string code, string message, int status) =>
        Results.Json(new MlflowErrorBody(code, message), MlflowJson.Options, statusCode: status);

    public static IResult From<T>(Result<T> result, Func<T, object> shape) =>
        result.IsSuccess ? Ok(shape(result.Value)) : Error(result.Error);

    public static IResult From(Result<Unit> result) => result.IsSuccess ? Empty() : Error(result.Error);
}

public sealed record MlflowErrorBody(string ErrorCode, string Message);
