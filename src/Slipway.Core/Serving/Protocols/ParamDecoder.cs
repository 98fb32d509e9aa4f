using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Inference params typed per the signature's params (MLflow ParamSchema), defaults filled in (serving spec §2.4):
/// <c>integer</c> → <c>int</c>, <c>long</c> → <c>long</c>, <c>float</c> → <c>float</c>, <c>double</c> → <c>double</c>,
/// <c>boolean</c> → <c>bool</c>, <c>string</c> and <c>datetime</c> (RFC 3339) → <c>string</c>; a list param (shape
/// <c>[-1]</c>) → an array of those. Only widening conversions: an integer may feed <c>long</c>, <c>float</c> and
/// <c>double</c>, a fraction only <c>float</c> and <c>double</c> (as MLflow's <c>_enforce_param_datatype</c>).
/// </summary>
internal static class ParamDecoder
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <param name="given">The params object of the request, or null.</param>
    /// <param name="refuseUnknown">True to refuse names the signature lacks (<c>PARAM_UNKNOWN</c>); false to ignore them.</param>
    public static IReadOnlyDictionary<string, object?> Decode(IReadOnlyList<ParamSpec> specs, JsonElement? given, bool refuseUnknown)
    {
        if (given is { } supplied && refuseUnknown)
        {
            var unknown = supplied.EnumerateObject()
                .Select(p => p.Name)
                .Where(n => !specs.Any(s => string.Equals(s.Name, n, StringComparison.Ordinal)))
                .ToList();
            if (unknown.Count > 0)
            {
                var hint = NameSuggestions.Closest(unknown[0], specs.Select(s => s.Name)) is { } close ? $"; did you mean '{close}'?" : string.Empty;
                var known = specs.Count == 0 ? "the model takes no params" : $"the model's params are {FieldText.List(specs.Select(s => s.Name).ToList())}";
                throw new RequestRejected(ServingError.Invalid(
                    ServingErrorCodes.ParamUnknown,
                    $"unknown param(s) {FieldText.List(unknown)}{hint} ({known})",
                    unknown[0]));
            }
        }

        if (specs.Count == 0)
        {
            return None;
        }

        var values = new Dictionary<string, object?>(specs.Count, StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (given is { } request && request.TryGetProperty(spec.Name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                values[spec.Name] = Convert(spec, value, "");
            }
            else
            {
                values[spec.Name] = spec.Default is null ? null : Convert(spec, JsonSerializer.SerializeToElement<JsonNode>(spec.Default), " (default)");
            }
        }

        return values;
    }

    private static object? Convert(ParamSpec spec, JsonElement value, string origin)
    {
        var isList = spec.Shape is { Count: > 0 };
        if (!isList)
        {
            return Scalar(spec, value, origin);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(spec, $"expected a list of {spec.Type}, got {Kind(value)}", origin);
        }

        var items = value.EnumerateArray().Select(v => Scalar(spec, v, origin)).ToList();
        return spec.Type switch
        {
            "integer" => items.Cast<int>().ToArray(),
            "long" => items.Cast<long>().ToArray(),
            "float" => items.Cast<float>().ToArray(),
            "double" => items.Cast<double>().ToArray(),
            "boolean" => items.Cast<bool>().ToArray(),
            _ => (object)items.Cast<string>().ToArray(),
        };
    }

    private static object Scalar(ParamSpec spec, JsonElement value, string origin)
    {
        switch (spec.Type)
        {
            case "integer" or "long":
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer))
                {
                    if (spec.Type == "long")
                    {
                        return integer;
                    }

                    if (integer is >= int.MinValue and <= int.MaxValue)
                    {
                        return (int)integer;
                    }

                    throw Invalid(spec, $"{value.GetRawText()} is out of range for integer", origin);
                }

                break;
            case "float":
                if (value.ValueKind == JsonValueKind.Number && float.TryParse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var single) && float.IsFinite(single))
                {
                    return single;
                }

                break;
            case "double":
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    return number;
                }

                break;
            case "boolean":
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    return value.GetBoolean();
                }

                break;
            case "datetime":
                if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                {
                    return value.GetString()!;
                }

                break;
            default:
                if (value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }

                break;
        }

        throw Invalid(spec, $"expected {spec.Type}, got {Kind(value)}", origin);
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => FieldText.Shown(value.GetRawText()),
    };

    private static RequestRejected Invalid(ParamSpec spec, string problem, string origin) => new(ServingError.Invalid(
        ServingErrorCodes.ParamInvalid,
        $"param '{spec.Name}'{origin}: {problem}",
        spec.Name));
}
