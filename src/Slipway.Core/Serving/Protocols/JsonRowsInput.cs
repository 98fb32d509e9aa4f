using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// An input laid out as one JSON value per row: the row itself (a single-input model's rows, a column's list), the
/// <c>j</c>-th item of a row list (<c>dataframe_split</c>, positional <c>instances</c>), or a property of a row object
/// (<c>dataframe_records</c>, object <c>instances</c>). A row value is a scalar or a list nested as the input's row shape.
/// </summary>
internal sealed class JsonRowsInput : InputSource
{
    private readonly JsonElement[] _rows;
    private readonly int _index;
    private readonly string? _property;

    private JsonRowsInput(string name, JsonElement[] rows, int index, string? property)
        : base(name)
    {
        _rows = rows;
        _index = index;
        _property = property;
    }

    public static JsonRowsInput Whole(string name, JsonElement[] rows) => new(name, rows, -1, null);

    public static JsonRowsInput Item(string name, JsonElement[] rows, int index) => new(name, rows, index, null);

    public static JsonRowsInput Property(string name, JsonElement[] rows) => new(name, rows, -1, name);

    public override int Rows => _rows.Length;

    private bool TryGetValue(int row, out JsonElement value)
    {
        var element = _rows[row];
        if (_property is not null)
        {
            return element.TryGetProperty(_property, out value);
        }

        if (_index >= 0)
        {
            value = element[_index];
            return true;
        }

        value = element;
        return true;
    }

    public override long[] CheckShape(FieldSpec spec, int rows)
    {
        Span<long> first = stackalloc long[8];
        var firstRank = -1;
        Span<long> dims = stackalloc long[8];
        var expected = spec.RowShape;
        var fixedPerRow = spec.FixedElementsPerRow;
        for (var row = 0; row < rows; row++)
        {
            if (!TryGetValue(row, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var rank = Dims(spec, value, dims, row);
            if (!RowDimsFit(spec, expected, fixedPerRow, dims[..rank]))
            {
                throw ShapeMismatch(spec, [rows, .. dims[..rank].ToArray()]);
            }

            if (firstRank < 0)
            {
                firstRank = rank;
                dims[..rank].CopyTo(first);
            }
            else if (fixedPerRow is null && !dims[..rank].SequenceEqual(first[..firstRank]))
            {
                throw new RequestRejected(ServingError.Invalid(
                    ServingErrorCodes.ElementCountMismatch,
                    $"{FieldText.Label(spec)} row {row}: shape {FieldText.Shape(dims[..rank].ToArray())} differs from row 0's {FieldText.Shape(first[..firstRank].ToArray())}",
                    spec.Name));
            }
        }

        return TensorShape(spec, rows, firstRank < 0 ? [] : first[..firstRank]);
    }

    /// <summary>The nested list dims of a row value (rank 0 for a scalar); ragged nesting is refused.</summary>
    private static int Dims(FieldSpec spec, JsonElement value, Span<long> dims, int row)
    {
        var rank = 0;
        var level = value;
        while (level.ValueKind == JsonValueKind.Array)
        {
            if (rank == dims.Length)
            {
                throw new RequestRejected(ServingError.Invalid(
                    ServingErrorCodes.ShapeMismatch,
                    $"{FieldText.Label(spec)} row {row}: nested deeper than {FieldText.Shape(spec.Shape)} allows",
                    spec.Name));
            }

            dims[rank++] = level.GetArrayLength();
            if (level.GetArrayLength() == 0)
            {
                break;
            }

            level = level[0];
        }

        var count = 0L;
        if (rank > 0 && !Regular(value, dims[..rank], ref count))
        {
            throw new RequestRejected(ServingError.Invalid(
                ServingErrorCodes.ElementCountMismatch,
                $"{FieldText.Label(spec)} row {row}: ragged nesting, every list must match {FieldText.Shape(dims[..rank].ToArray())}",
                spec.Name));
        }

        return rank;
    }

    /// <summary>True when <paramref name="value"/> nests exactly as <paramref name="dims"/>.</summary>
    internal static bool Regular(JsonElement value, ReadOnlySpan<long> dims, ref long leaves)
    {
        if (dims.IsEmpty)
        {
            leaves++;
            return value.ValueKind != JsonValueKind.Array;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != dims[0])
        {
            return false;
        }

        foreach (var item in value.EnumerateArray())
        {
            if (!Regular(item, dims[1..], ref leaves))
            {
                return false;
            }
        }

        return true;
    }

    public override void Fill(ValueWriter writer, FieldSpec spec, long[] shape)
    {
        var perRow = shape.Length <= 1 ? 1 : checked((int)Tensor.ElementCount(shape.AsSpan(1)));
        for (var row = 0; row < _rows.Length; row++)
        {
            var start = row * perRow;
            if (!TryGetValue(row, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                for (var k = 0; k < perRow; k++)
                {
                    writer.Missing(start + k, row);
                }

                continue;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                writer.Json(start, row, value);
                continue;
            }

            var next = start;
            WriteLeaves(writer, value, ref next, row);
        }
    }

    internal static void WriteLeaves(ValueWriter writer, JsonElement value, ref int next, int row)
    {
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                WriteLeaves(writer, item, ref next, row);
            }
            else
            {
                writer.Json(next++, row, item);
            }
        }
    }

    public override string? FirstValueText()
    {
        if (_rows.Length == 0 || !TryGetValue(0, out var value))
        {
            return null;
        }

        while (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            value = value[0];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
