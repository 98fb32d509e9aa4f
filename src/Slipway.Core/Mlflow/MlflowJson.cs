using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Slipway.Core.Mlflow;

/// <summary>
/// MLflow's JSON conventions (mlflow-rest.md §1.3): snake_case names, int64 as numbers, NaN and ±Infinity as
/// strings, nulls omitted, and lenient reading (numbers as strings, strings as numbers).
/// </summary>
public static class MlflowJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            AllowTrailingCommas = false,
            MaxDepth = 64,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(MlflowJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.Converters.Add(new LenientStringConverter());
        options.Converters.Add(new LenientBooleanConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Empty lists are omitted on the wire, as protobuf JSON does.</summary>
    public static List<T>? NullIfEmpty<T>(this List<T> list) => list.Count == 0 ? null : list;
}
