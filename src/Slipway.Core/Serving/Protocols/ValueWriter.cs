using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Converts request values into one input's typed array with the rules of serving spec §2.4, the same for JSON values
/// and CSV fields: integers take in-range integers and zero-fraction numbers (<c>40.0</c>); <c>float</c> any finite
/// number in FP32 range; <c>double</c> any finite number; booleans only <c>true</c>/<c>false</c>; strings only strings;
/// null or absent only in optional floating-point inputs (NaN). Numbers are parsed from their text, so JSON and CSV give
/// identical results. Failures throw <see cref="RequestRejected"/> naming the field, the row and the rule.
/// </summary>
internal sealed class ValueWriter
{
    private static readonly SearchValues<byte> FractionOrExponent = SearchValues.Create(".eE"u8);

    private readonly FieldSpec _spec;
    private readonly DecodeOptions _options;
    private readonly bool _markers;
    private readonly int _perRow;

    public ValueWriter(FieldSpec spec, int length, int perRow, DecodeOptions options, bool markers)
    {
        _spec = spec;
        _options = options;
        _markers = markers;
        _perRow = Math.Max(perRow, 1);
        Data = spec.Type.NewArray(length);
    }

    public Array Data { get; }

    public void Json(int index, int row, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                Missing(index, row);
                return;
            case JsonValueKind.Number:
                Number(index, row, JsonMarshal.GetRawUtf8Value(value));
                return;
            case JsonValueKind.True or JsonValueKind.False:
                if (_spec.Type == TensorType.Bool)
                {
                    ((bool[])Data)[index] = value.ValueKind == JsonValueKind.True;
                    return;
                }

                throw Mismatch(index, row, value.ValueKind == JsonValueKind.True ? "true" : "false");
            case JsonValueKind.String:
                JsonString(index, row, value);
                return;
            case JsonValueKind.Array:
                throw Mismatch(index, row, "a list");
            default:
                throw Mismatch(index, row, "an object");
        }
    }

    /// <summary>A CSV field: null for an empty unquoted field (a missing value, as pandas reads it).</summary>
    public void Text(int index, int row, string? text)
    {
        if (text is null)
        {
            Missing(index, row);
            return;
        }

        switch (_spec.Type)
        {
            case TensorType.Bytes:
                String(index, row, (string[])Data, text);
                return;
            case TensorType.Bool:
                ((bool[])Data)[index] = text switch
                {
                    "true" or "True" or "TRUE" => true,
                    "false" or "False" or "FALSE" => false,
                    _ => throw Mismatch(index, row, Quoted(text)),
                };
                return;
        }

        if (IsJsonNumber(text))
        {
            Span<byte> utf8 = stackalloc byte[128];
            if (text.Length <= utf8.Length)
            {
                // A JSON number is ASCII: one byte per char.
                var written = Encoding.ASCII.GetBytes(text, utf8);
                Number(index, row, utf8[..written]);
            }
            else
            {
                Number(index, row, Encoding.ASCII.GetBytes(text));
            }

            return;
        }

        if (_spec.Type.IsFloatingPoint() && NonFiniteWord(text) is { } nonFinite)
        {
            NonFinite(index, row, nonFinite, text);
            return;
        }

        throw Mismatch(index, row, Quoted(text));
    }

    /// <summary>An absent or null value: NaN in optional floating-point inputs, else <c>NULL_NOT_ALLOWED</c>.</summary>
    public void Missing(int index, int row)
    {
        if (!_spec.Required)
        {
            switch (Data)
            {
                case float[] floats:
                    floats[index] = float.NaN;
                    return;
                case double[] doubles:
                    doubles[index] = double.NaN;
                    return;
                case Half[] halves:
                    halves[index] = Half.NaN;
                    return;
            }
        }

        var message = $"{Where(index, row)}: null is not allowed for {FieldText.TypeName(_spec)}";
        if (!_spec.Type.IsFloatingPoint() && _spec.Type is not (TensorType.Bool or TensorType.Bytes))
        {
            message += ". Hint: integer columns cannot represent missing values; if values can be missing, declare the column as double in the model signature";
        }

        throw new RequestRejected(ServingError.Invalid(ServingErrorCodes.NullNotAllowed, message, _spec.Name));
    }

    private void JsonString(int index, int row, JsonElement value)
    {
        var marker = _markers && IsMarker(value) ? value.GetString()![1..] : null;
        if (marker is null && _spec.Type == TensorType.Bytes)
        {
            String(index, row, (string[])Data, value.GetString()!);
            return;
        }

        if (_spec.Type.IsFloatingPoint())
        {
            var word = marker ?? (value.ValueEquals("NaN") ? "NaN" : value.ValueEquals("Infinity") ? "Infinity" : value.ValueEquals("-Infinity") ? "-Infinity" : null);
            if (word is not null)
            {
                NonFinite(index, row, NonFiniteWord(word)!.Value, marker ?? Quoted(word));
                return;
            }
        }

        throw Mismatch(index, row, marker ?? FieldText.Shown(value.GetRawText()));
    }

    private static bool IsMarker(JsonElement value) =>
        value.ValueEquals("\0NaN") || value.ValueEquals("\0Infinity") || value.ValueEquals("\0-Infinity");

    private void String(int index, int row, string[] strings, string text)
    {
        if (text.Length > _options.MaxStringBytes / 3 && Encoding.UTF8.GetByteCount(text) is var bytes && bytes > _options.MaxStringBytes)
        {
            throw new RequestRejected(ServingError.Invalid(
                ServingErrorCodes.StringTooLong,
                $"{Where(index, row)}: string of {bytes} bytes exceeds the limit of {_options.MaxStringBytes} bytes",
                _spec.Name));
        }

        strings[index] = text;
    }

    private void NonFinite(int index, int row, double value, string shown)
    {
        if (!_options.AllowNonFinite)
        {
            throw new RequestRejected(ServingError.Invalid(
                ServingErrorCodes.NonFiniteValue,
                $"{Where(index, row)}: non-finite value {shown} is not allowed",
                _spec.Name));
        }

        switch (Data)
        {
            case float[] floats:
                floats[index] = (float)value;
                break;
            case double[] doubles:
                doubles[index] = value;
                break;
            case Half[] halves:
                halves[index] = (Half)value;
                break;
        }
    }

    private void Number(int index, int row, ReadOnlySpan<byte> text)
    {
        switch (Data)
        {
            case float[] floats:
                float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var single);
                floats[index] = float.IsFinite(single) ? single : throw OutOfRange(index, row, text);
                return;
            case double[] doubles:
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
                doubles[index] = double.IsFinite(number) ? number : throw OutOfRange(index, row, text);
                return;
            case Half[] halves:
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var wide);
                var half = (Half)wide;
                halves[index] = Half.IsFinite(half) ? half : throw OutOfRange(index, row, text);
                return;
        }

        if (_spec.Type is TensorType.Bool or TensorType.Bytes)
        {
            throw Mismatch(index, row, Encoding.UTF8.GetString(text));
        }

        var integer = Integral(text, out var value) switch
        {
            IntegralParse.Fraction => throw Mismatch(index, row, Encoding.UTF8.GetString(text)),
            IntegralParse.OutOfRange => throw OutOfRange(index, row, text),
            _ => value,
        };
        // Switch on the declared type, not the array: the CLR lets a long[] pass for a ulong[] (and int[] for uint[], …).
        switch (_spec.Type)
        {
            case TensorType.Int64 when integer >= long.MinValue && integer <= long.MaxValue:
                ((long[])Data)[index] = (long)integer;
                return;
            case TensorType.Int32 when integer >= int.MinValue && integer <= int.MaxValue:
                ((int[])Data)[index] = (int)integer;
                return;
            case TensorType.Int16 when integer >= short.MinValue && integer <= short.MaxValue:
                ((short[])Data)[index] = (short)integer;
                return;
            case TensorType.Int8 when integer >= sbyte.MinValue && integer <= sbyte.MaxValue:
                ((sbyte[])Data)[index] = (sbyte)integer;
                return;
            case TensorType.UInt8 when integer >= byte.MinValue && integer <= byte.MaxValue:
                ((byte[])Data)[index] = (byte)integer;
                return;
            case TensorType.UInt16 when integer >= ushort.MinValue && integer <= ushort.MaxValue:
                ((ushort[])Data)[index] = (ushort)integer;
                return;
            case TensorType.UInt32 when integer >= uint.MinValue && integer <= uint.MaxValue:
                ((uint[])Data)[index] = (uint)integer;
                return;
            case TensorType.UInt64 when integer >= ulong.MinValue && integer <= ulong.MaxValue:
                ((ulong[])Data)[index] = (ulong)integer;
                return;
            default:
                throw OutOfRange(index, row, text);
        }
    }

    private enum IntegralParse
    {
        Ok,
        Fraction,
        OutOfRange,
    }

    /// <summary>The integer a JSON number's text denotes: integer syntax, or a fraction/exponent form whose value is whole.</summary>
    private static IntegralParse Integral(ReadOnlySpan<byte> text, out Int128 value)
    {
        value = 0;
        if (text.IndexOfAny(FractionOrExponent) < 0)
        {
            return Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) ? IntegralParse.Ok : IntegralParse.OutOfRange;
        }

        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approximate);
        if (!double.IsFinite(approximate))
        {
            return IntegralParse.OutOfRange;
        }

        if (Math.Floor(approximate) != approximate)
        {
            return IntegralParse.Fraction;
        }

        if (Math.Abs(approximate) > 1e20)
        {
            return IntegralParse.OutOfRange;
        }

        // The double may have rounded a fraction away (9007199254740993.5): decide on the exact decimal.
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            return IntegralParse.OutOfRange;
        }

        if (decimal.Truncate(exact) != exact)
        {
            return IntegralParse.Fraction;
        }

        value = (Int128)exact;
        return IntegralParse.Ok;
    }

    /// <summary>JSON number grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }

        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    /// <summary>The non-finite value a word names (JSON's usual spellings and pandas' CSV ones), or null.</summary>
    private static double? NonFiniteWord(string text) => text switch
    {
        "NaN" or "nan" => double.NaN,
        "Infinity" or "inf" or "+Infinity" or "+inf" => double.PositiveInfinity,
        "-Infinity" or "-inf" => double.NegativeInfinity,
        _ => null,
    };

    private static string Quoted(string text) => FieldText.Shown($"\"{text}\"");

    private string Where(int index, int row) =>
        _perRow > 1 ? $"{FieldText.Label(_spec)} row {row} element {index - (row * _perRow)}" : $"{FieldText.Label(_spec)} row {row}";

    private RequestRejected Mismatch(int index, int row, string got) => new(ServingError.Invalid(
        ServingErrorCodes.DatatypeMismatch,
        $"{Where(index, row)}: expected {FieldText.TypeName(_spec)}, got {FieldText.Shown(got)}",
        _spec.Name));

    private RequestRejected OutOfRange(int index, int row, ReadOnlySpan<byte> text) => new(ServingError.Invalid(
        ServingErrorCodes.ValueOutOfRange,
        $"{Where(index, row)}: {FieldText.Shown(Encoding.UTF8.GetString(text))} is out of range for {FieldText.TypeName(_spec)}",
        _spec.Name));
}
