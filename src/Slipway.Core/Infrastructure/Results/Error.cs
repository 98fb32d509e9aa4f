namespace Slipway.Core.Infrastructure.Results;

/// <summary>The kinds of expected failure; each API maps them to its own status codes once.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    AlreadyExists,
    Conflict,
    Unauthenticated,
    Forbidden,

    /// <summary>Too many attempts: 429 with Retry-After (sign-in and MFA throttling).</summary>
    TooManyRequests,
    Unavailable,
    Internal,
}

/// <summary>An expected failure: a stable machine-readable code and a message that says what to fix.</summary>
public sealed record Error(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public static Error Invalid(string message, string? field = null) =>
        new(ErrorKind.Invalid, "invalid_parameter_value", message, field);

    public static Error NotFound(string message) => new(ErrorKind.NotFound, "resource_does_not_exist", message);

    public static Error AlreadyExists(string message) => new(ErrorKind.AlreadyExists, "resource_already_exists", message);

    public static Error Conflict(string message) => new(ErrorKind.Conflict, "resource_conflict", message);

    public static Error MissingField(string field) =>
        Invalid($"Missing value for required parameter '{field}'.", field);
}
