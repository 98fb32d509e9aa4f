using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Mlflow;

/// <summary>MLflow's error codes and their HTTP statuses, a pure function of the code (mlflow-rest.md §1.4).</summary>
public static class MlflowErrorCode
{
    public const string InvalidParameterValue = "INVALID_PARAMETER_VALUE";
    public const string ResourceAlreadyExists = "RESOURCE_ALREADY_EXISTS";
    public const string ResourceDoesNotExist = "RESOURCE_DOES_NOT_EXIST";
    public const string EndpointNotFound = "ENDPOINT_NOT_FOUND";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string PermissionDenied = "PERMISSION_DENIED";
    public const string ResourceConflict = "RESOURCE_CONFLICT";
    public const string NotImplemented = "NOT_IMPLEMENTED";
    public const string TemporarilyUnavailable = "TEMPORARILY_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string RequestLimitExceeded = "REQUEST_LIMIT_EXCEEDED";

    public static (string Code, int Status) For(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => (InvalidParameterValue, 400),
        ErrorKind.NotFound => (ResourceDoesNotExist, 404),
        ErrorKind.AlreadyExists => (ResourceAlreadyExists, 400),
        ErrorKind.Conflict => (ResourceConflict, 409),
        ErrorKind.Unauthenticated => (Unauthenticated, 401),
        ErrorKind.Forbidden => (PermissionDenied, 403),
        ErrorKind.TooManyRequests => (RequestLimitExceeded, 429),
        ErrorKind.Unavailable => (TemporarilyUnavailable, 503),
        ErrorKind.Internal => (InternalError, 500),
        _ => (InternalError, 500),
    };
}
