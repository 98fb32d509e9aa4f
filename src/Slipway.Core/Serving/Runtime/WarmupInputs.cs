using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// The inputs of warm-up runs (serving spec §5): the MLflow input example's rows, repeated to the batch size, when the
/// package has one and it fits the schema (<c>serving_input_example.json</c> in the <c>dataframe_split</c>,
/// <c>dataframe_records</c>, <c>instances</c> or <c>inputs</c> form, or <c>input_example.json</c> in pandas' split orient);
/// otherwise, input by input, synthetic values (0, <c>false</c>, <c>""</c>). An example that does not parse or fit
/// never fails warm-up: the inputs it does not cover are synthetic.
/// </summary>
public static class WarmupInputs
{
    /// <summary>A batch of <paramref name="rows"/> rows for <paramref name="schema"/>.</summary>
    /// <param name="inputExampleJsonPath">Full path of the package's input example, or null.</param>
    public static InferenceBatch Create(ModelSchema schema, int rows, string? inputExampleJsonPath)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var example = inputExampleJsonPath is not null && File.Exists(inputExampleJsonPath) ? Read(inputExampleJsonPath, schema) : [];
        var tensors = new List<Tensor>(schema.Inputs.Count);
        foreach (var field in schema.Inputs)
        {
            var fromExample = example.TryGetValue(field.Name, out var values) && values.Count > 0 ? FromExample(field, rows, values) : null;
            tensors.Add(fromExample ?? FilledTensors.Zeros(field, rows));
        }

        return new InferenceBatch(rows, tensors);
    }

    /// <summary>The example's values per input name, one node per example row; empty when the file does not parse.</summary>
    private static Dictionary<string, List<JsonNode?>> Read(string path, ModelSchema schema)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return [];
        }

        var single = schema.Inputs.Count == 1 ? schema.Inputs[0].Name : null;
        return root switch
        {
            JsonObject o when o["dataframe_split"] is JsonObject split => Split(split),
            JsonObject o when o["dataframe_records"] is JsonArray records => Records(records, single),
            JsonObject o when o["instances"] is JsonArray instances => Records(instances, single),
            JsonObject o when o.ContainsKey("inputs") => Inputs(o["inputs"], single),
            JsonObject o when o["columns"] is JsonArray && o["data"] is JsonArray => Split(o),
            JsonArray records => Records(records, single),
            _ => [],
        };
    }

    private static Dictionary<string, List<JsonNode?>> Split(JsonObject split)
    {
        var result = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        if (split["columns"] is not JsonArray columns || split["data"] is not JsonArray data)
        {
            return result;
        }

        var names = columns.Select(c => c is JsonValue v && v.TryGetValue<string>(out var name) ? name : null).ToList();
        foreach (var row in data.OfType<JsonArray>())
        {
            for (var i = 0; i < names.Count && i < row.Count; i++)
            {
                if (names[i] is { } name)
                {
                    Column(result, name).Add(row[i]);
                }
            }
        }

        return result;
    }

    private static Dictionary<string, List<JsonNode?>> Records(JsonArray records, string? single)
    {
        var result = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record is JsonObject row)
            {
                foreach (var (name, value) in row)
                {
                    Column(result, name).Add(value);
                }
            }
            else if (single is not null)
            {
                Column(result, single).Add(record);
            }
        }

        return result;
    }

    private static Dictionary<string, List<JsonNode?>> Inputs(JsonNode? inputs, string? single)
    {
        var result = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        switch (inputs)
        {
            case JsonObject columns:
                foreach (var (name, value) in columns)
                {
                    Column(result, name).AddRange(value is JsonArray rows ? rows : [value]);
                }

                break;
            case JsonArray rows when single is not null:
                Column(result, single).AddRange(rows);
                break;
        }

        return result;
    }

    private static List<JsonNode?> Column(Dictionary<string, List<JsonNode?>> columns, string name)
    {
        if (!columns.TryGetValue(name, out var values))
        {
            values = [];
            columns[name] = values;
        }

        return values;
    }

    /// <summary>The example's rows cycled to <paramref name="rows"/>, or null when a row does not fit the field.</summary>
    private static Tensor? FromExample(FieldSpec field, int rows, List<JsonNode?> examples)
    {
        var flattened = new List<List<JsonNode?>>(examples.Count);
        foreach (var example in examples)
        {
            var elements = new List<JsonNode?>();
            Flatten(example, elements);
            flattened.Add(elements);
        }

        var perRow = field.FixedElementsPerRow ?? (field.RowShape.Count == 1 ? flattened[0].Count : -1);
        if (perRow < 1 || flattened.Any(e => e.Count != perRow))
        {
            return null;
        }

        var shape = FilledTensors.Shape(field, rows);
        if (field.FixedElementsPerRow is null)
        {
            shape[1] = perRow;
        }

        var data = field.Type.NewArray(checked(rows * perRow));
        for (var row = 0; row < rows; row++)
        {
            var elements = flattened[row % flattened.Count];
            for (var i = 0; i < perRow; i++)
            {
                if (!TrySet(data, row * perRow + i, elements[i], field.Type))
                {
                    return null;
                }
            }
        }

        return new Tensor(field.Name, field.Type, shape, data);
    }

    private static void Flatten(JsonNode? node, List<JsonNode?> elements)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Flatten(item, elements);
            }
        }
        else
        {
            elements.Add(node);
        }
    }

    private static bool TrySet(Array data, int index, JsonNode? node, TensorType type)
    {
        if (node is null)
        {
            switch (data)
            {
                case float[] floats:
                    floats[index] = float.NaN;
                    return true;
                case double[] doubles:
                    doubles[index] = double.NaN;
                    return true;
                case Half[] halves:
                    halves[index] = Half.NaN;
                    return true;
                default:
                    return false;
            }
        }

        if (node is not JsonValue value)
        {
            return false;
        }

        try
        {
            switch (type)
            {
                case TensorType.Bytes:
                    if (!value.TryGetValue<string>(out var text))
                    {
                        return false;
                    }

                    ((string[])data)[index] = text;
                    return true;
                case TensorType.Bool:
                    if (!value.TryGetValue<bool>(out var flag))
                    {
                        return false;
                    }

                    ((bool[])data)[index] = flag;
                    return true;
            }

            if (value.GetValueKind() != JsonValueKind.Number)
            {
                return false;
            }

            var number = value.GetValue<double>();
            long integer = 0;
            if (!type.IsFloatingPoint() && !value.TryGetValue(out integer))
            {
                // 40.0 is an integer; 40.5 and numbers beyond long are not.
                if (number != Math.Floor(number) || Math.Abs(number) >= 9.2e18)
                {
                    return false;
                }

                integer = (long)number;
            }

            // Switch on the declared type: the CLR lets int[] pass as uint[], so array patterns would pick the wrong one.
            switch (type)
            {
                case TensorType.Fp32: ((float[])data)[index] = (float)number; break;
                case TensorType.Fp64: ((double[])data)[index] = number; break;
                case TensorType.Fp16: ((Half[])data)[index] = (Half)number; break;
                case TensorType.Int8: ((sbyte[])data)[index] = checked((sbyte)integer); break;
                case TensorType.Int16: ((short[])data)[index] = checked((short)integer); break;
                case TensorType.Int32: ((int[])data)[index] = checked((int)integer); break;
                case TensorType.Int64: ((long[])data)[index] = integer; break;
                case TensorType.UInt8: ((byte[])data)[index] = checked((byte)integer); break;
                case TensorType.UInt16: ((ushort[])data)[index] = checked((ushort)integer); break;
                case TensorType.UInt32: ((uint[])data)[index] = checked((uint)integer); break;
                case TensorType.UInt64: ((ulong[])data)[index] = value.TryGetValue<ulong>(out var unsigned) ? unsigned : checked((ulong)integer); break;
                default: return false;
            }

            return true;
        }
        catch (Exception e) when (e is OverflowException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
