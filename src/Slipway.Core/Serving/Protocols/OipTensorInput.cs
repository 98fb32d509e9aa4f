using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// An OIP v2 <c>inputs[]</c> entry: declared shape and datatype, and <c>data</c> row-major, flat or nested as the shape
/// (serving spec §1.2). A column accepts <c>[n]</c> or <c>[n,1]</c>.
/// </summary>
internal sealed class OipTensorInput(string name, long[] shape, string datatype, JsonElement data) : InputSource(name)
{
    public override int Rows => shape.Length == 0 ? 1 : (int)Math.Min(shape[0], int.MaxValue);

    public override void CheckDeclared(FieldSpec spec)
    {
        if (TensorTypes.FromOipName(datatype) != spec.Type)
        {
            throw new RequestRejected(ServingError.Invalid(
                ServingErrorCodes.DatatypeMismatch,
                $"input '{Name}' is {FieldText.Shown(datatype)}, model expects {spec.Type.OipName()}",
                spec.Name));
        }

        if (shape.Length == 0 || !RowDimsFit(spec, shape.AsSpan(1)) || (spec.Shape.Count > 0 && spec.Shape[0] >= 0 && spec.Shape[0] != shape[0]))
        {
            throw ShapeMismatch(spec, shape);
        }
    }

    public override long[] CheckShape(FieldSpec spec, int rows)
    {
        long expected;
        try
        {
            expected = Tensor.ElementCount(shape);
        }
        catch (OverflowException)
        {
            expected = -1;
        }

        long leaves = 0;
        var nested = data.GetArrayLength() > 0 && data[0].ValueKind == JsonValueKind.Array;
        var fits = nested
            ? JsonRowsInput.Regular(data, shape, ref leaves)
            : data.GetArrayLength() == expected && IsFlat(data);
        if (!fits)
        {
            var what = nested || data.GetArrayLength() == expected ? "nesting does not match the shape" : $"data has {data.GetArrayLength()} elements";
            throw new RequestRejected(ServingError.Invalid(
                ServingErrorCodes.ElementCountMismatch,
                $"input '{Name}': {what}, shape {FieldText.Shape(shape)} needs {(expected < 0 ? "too many" : expected.ToString(System.Globalization.CultureInfo.InvariantCulture))}",
                spec.Name));
        }

        return TensorShape(spec, rows, shape.AsSpan(1));
    }

    /// <summary>Flat data holds scalars only: a list among them would leave a hole in the tensor or run past its end.</summary>
    private static bool IsFlat(JsonElement data)
    {
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                return false;
            }
        }

        return true;
    }

    public override void Fill(ValueWriter writer, FieldSpec spec, long[] shape)
    {
        var perRow = shape.Length <= 1 ? 1 : checked((int)Tensor.ElementCount(shape.AsSpan(1)));
        var index = 0;
        Walk(writer, data, ref index, perRow);
    }

    private static void Walk(ValueWriter writer, JsonElement array, ref int index, int perRow)
    {
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Walk(writer, item, ref index, perRow);
            }
            else
            {
                writer.Json(index, index / perRow, item);
                index++;
            }
        }
    }

    public override string? FirstValueText()
    {
        var value = data;
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
