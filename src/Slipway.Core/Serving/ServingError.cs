namespace Slipway.Core.Serving;

/// <summary>
/// A refused or failed inference request (serving spec §1.6): the HTTP status, the stable Slipway code, a message
/// that says what to fix, the field at fault when there is one, and for 429/503 the seconds to wait. The same error
/// is written in each protocol's shape by the protocol writers.
/// </summary>
public sealed record ServingError(int Status, string Code, string Message, string? Field = null)
{
    /// <summary>Seconds for <c>Retry-After</c> (at least 1) on 429 and 503.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The MLflow error code for this error (serving spec §1.6 table).</summary>
    public string MlflowCode => Code switch
    {
        ServingErrorCodes.MalformedRequest or ServingErrorCodes.UnsupportedMediaType => "BAD_REQUEST",
        ServingErrorCodes.ModelNotFound or ServingErrorCodes.VersionNotFound => "RESOURCE_DOES_NOT_EXIST",
        ServingErrorCodes.Forbidden => "PERMISSION_DENIED",
        ServingErrorCodes.RateLimited or ServingErrorCodes.QuotaExceeded or ServingErrorCodes.ConcurrencyLimited => "REQUEST_LIMIT_EXCEEDED",
        ServingErrorCodes.ModelLoading or ServingErrorCodes.ModelNotReady or ServingErrorCodes.QueueFull or ServingErrorCodes.Shed => "TEMPORARILY_UNAVAILABLE",
        ServingErrorCodes.DeadlineExceeded => "DEADLINE_EXCEEDED",
        ServingErrorCodes.InferenceFailed => "INTERNAL_ERROR",
        _ => "INVALID_PARAMETER_VALUE",
    };

    public static ServingError Malformed(string message) => new(400, ServingErrorCodes.MalformedRequest, message);

    public static ServingError Invalid(string code, string message, string? field = null) => new(400, code, message, field);
}

/// <summary>The stable codes of serving spec §1.6 and §2.3.</summary>
public static class ServingErrorCodes
{
    public const string MalformedRequest = "MALFORMED_REQUEST";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string BatchTooLarge = "BATCH_TOO_LARGE";
    public const string ModelNotFound = "MODEL_NOT_FOUND";
    public const string VersionNotFound = "VERSION_NOT_FOUND";
    public const string Forbidden = "FORBIDDEN";
    public const string RateLimited = "RATE_LIMITED";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string ConcurrencyLimited = "CONCURRENCY_LIMITED";
    public const string ModelLoading = "MODEL_LOADING";
    public const string ModelNotReady = "MODEL_NOT_READY";
    public const string QueueFull = "QUEUE_FULL";
    public const string Shed = "SHED";
    public const string DeadlineExceeded = "DEADLINE_EXCEEDED";
    public const string InferenceFailed = "INFERENCE_FAILED";
    public const string OutputUnknown = "OUTPUT_UNKNOWN";
    public const string InputMissing = "INPUT_MISSING";
    public const string InputUnknown = "INPUT_UNKNOWN";
    public const string DatatypeMismatch = "DATATYPE_MISMATCH";
    public const string ValueOutOfRange = "VALUE_OUT_OF_RANGE";
    public const string NullNotAllowed = "NULL_NOT_ALLOWED";
    public const string NonFiniteValue = "NON_FINITE_VALUE";
    public const string ShapeMismatch = "SHAPE_MISMATCH";
    public const string ElementCountMismatch = "ELEMENT_COUNT_MISMATCH";
    public const string RowCountMismatch = "ROW_COUNT_MISMATCH";
    public const string EmptyBatch = "EMPTY_BATCH";
    public const string ParamUnknown = "PARAM_UNKNOWN";
    public const string ParamInvalid = "PARAM_INVALID";
    public const string StringTooLong = "STRING_TOO_LONG";
}

/// <summary>Priority tiers (serving spec §6.1, governance §8.6); lower value = higher priority.</summary>
public enum Tier
{
    Critical = 0,
    Standard = 1,
    Sheddable = 2,
}

public static class Tiers
{
    public static string Name(this Tier tier) => tier switch
    {
        Tier.Critical => "critical",
        Tier.Standard => "standard",
        _ => "sheddable",
    };

    public static Tier? Parse(string? name) => name switch
    {
        "critical" => Tier.Critical,
        "standard" => Tier.Standard,
        "sheddable" => Tier.Sheddable,
        _ => null,
    };

    /// <summary>OIP <c>priority</c>: 1 critical, 2 standard, 3 and above sheddable, 0 the token's default (null).</summary>
    public static Tier? FromPriority(long priority) => priority switch
    {
        <= 0 => null,
        1 => Tier.Critical,
        2 => Tier.Standard,
        _ => Tier.Sheddable,
    };
}
