using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// The row and column layouts KServe V1 and MLflow share (serving spec §1.3–1.4), turned into input sources:
/// a list of rows (objects keyed by input name; for a single-input model each row is that input's value; otherwise
/// lists in signature order), a columnar object (input name → list of row values), and pandas' split orient.
/// </summary>
internal static class RowLayouts
{
    /// <summary><c>instances</c>, a list-form <c>inputs</c> or <c>dataframe_records</c> (<paramref name="objectsOnly"/>).</summary>
    public static void FromRowList(JsonElement list, ModelSchema schema, Envelope envelope, string key, bool objectsOnly = false)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"'{key}' must be a list of rows");
        }

        var rows = list.EnumerateArray().ToArray();
        envelope.Rows = rows.Length;
        if (rows.Length == 0)
        {
            return;
        }

        if (rows[0].ValueKind == JsonValueKind.Object)
        {
            var names = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < rows.Length; r++)
            {
                if (rows[r].ValueKind != JsonValueKind.Object)
                {
                    throw Malformed($"'{key}' row {r} is not an object like row 0");
                }

                foreach (var property in rows[r].EnumerateObject())
                {
                    if (seen.Add(property.Name))
                    {
                        names.Add(property.Name);
                    }
                }
            }

            foreach (var name in names)
            {
                envelope.Inputs.Add(JsonRowsInput.Property(name, rows));
            }

            return;
        }

        if (objectsOnly)
        {
            throw Malformed($"'{key}' must be a list of row objects");
        }

        if (schema.Inputs.Count == 1)
        {
            envelope.Inputs.Add(JsonRowsInput.Whole(schema.Inputs[0].Name, rows));
            return;
        }

        Positional(rows, schema.Inputs.Select(i => i.Name).ToArray(), envelope, key);
    }

    /// <summary>A columnar object: each property is an input and holds the list of its row values.</summary>
    public static void FromColumns(JsonElement columns, Envelope envelope, string key)
    {
        foreach (var property in columns.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Array)
            {
                throw Malformed($"'{key}.{property.Name}' must be a list with one value per row");
            }

            envelope.Inputs.Add(JsonRowsInput.Whole(property.Name, property.Value.EnumerateArray().ToArray()));
        }
    }

    /// <summary>pandas <c>split</c> orient: <c>columns</c> and <c>data</c> rows (<c>index</c> ignored); no <c>columns</c> = signature order.</summary>
    public static void FromSplit(JsonElement split, ModelSchema schema, Envelope envelope, string key)
    {
        if (split.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"'{key}' must be an object with 'columns' and 'data'");
        }

        if (!split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"'{key}.data' must be a list of rows");
        }

        string[] names;
        if (split.TryGetProperty("columns", out var columns) && columns.ValueKind != JsonValueKind.Null)
        {
            if (columns.ValueKind != JsonValueKind.Array || columns.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String))
            {
                throw Malformed($"'{key}.columns' must be a list of column names");
            }

            names = columns.EnumerateArray().Select(c => c.GetString()!).ToArray();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            {
                throw Malformed($"'{key}.columns' names a column twice");
            }
        }
        else
        {
            names = schema.Inputs.Select(i => i.Name).ToArray();
        }

        var rows = data.EnumerateArray().ToArray();
        envelope.Rows = rows.Length;
        Positional(rows, names, envelope, key);
    }

    private static void Positional(JsonElement[] rows, string[] names, Envelope envelope, string key)
    {
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r].ValueKind != JsonValueKind.Array || rows[r].GetArrayLength() != names.Length)
            {
                var got = rows[r].ValueKind == JsonValueKind.Array ? $"{rows[r].GetArrayLength()} values" : "not a list";
                throw Malformed($"'{key}' row {r} has {got}; expected a list of {names.Length} values for {FieldText.List(names)}");
            }
        }

        for (var j = 0; j < names.Length; j++)
        {
            envelope.Inputs.Add(JsonRowsInput.Item(names[j], rows, j));
        }
    }

    private static RequestRejected Malformed(string message) => new(ServingError.Malformed(message));
}
