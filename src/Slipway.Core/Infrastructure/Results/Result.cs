using System.Diagnostics.CodeAnalysis;

namespace Slipway.Core.Infrastructure.Results;

/// <summary>The outcome of a use case: a value, or an <see cref="Error"/> that the API adapters map to HTTP.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}

/// <summary>The empty success value for commands that return nothing.</summary>
public readonly record struct Unit
{
    public static Unit Value => default;
}
