using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Decodes an MLflow scoring request (serving spec §1.4): a JSON object with exactly one of <c>dataframe_split</c>,
/// <c>dataframe_records</c>, <c>instances</c> or <c>inputs</c>, plus optional <c>params</c>; or a CSV body with a header
/// row, parsed by the signature's column types with the same rules and results as JSON (mlflow/mlflow#5525). Messages
/// take MLflow's forms; signature failures read "Failed to enforce schema of data … Error: …".
/// </summary>
public static class MlflowRequestReader
{
    private const string RequiredFormat =
        "The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}";

    private static readonly string[] DataKeys = ["dataframe_split", "dataframe_records", "instances", "inputs"];
    private static readonly string[] LlmKeys = ["messages", "prompt", "input"];

    public static DecodeResult ReadJson(ReadOnlySpan<byte> json, ModelSchema schema, DecodeOptions options)
    {
        try
        {
            using var body = JsonBody.Parse(json, options.MaxDepth);
            var envelope = ReadEnvelope(body, schema);
            return Bind(envelope, schema, options);
        }
        catch (RequestRejected rejected)
        {
            return DecodeResult.Fail(rejected.Error);
        }
    }

    public static DecodeResult ReadCsv(ReadOnlySpan<byte> csv, ModelSchema schema, DecodeOptions options)
    {
        try
        {
            // The header, the allowed rows and one more: enough to refuse an oversized batch without parsing all of it.
            var table = CsvTable.Parse(csv, options.MaxRows >= int.MaxValue - 2 ? int.MaxValue : options.MaxRows + 2);
            var envelope = new Envelope(ProtocolDialect.Mlflow, markers: false) { Rows = table.Rows.Count };
            for (var c = 0; c < table.Header.Length; c++)
            {
                envelope.Inputs.Add(new CsvColumnInput(table.Header[c], table, c));
            }

            return Bind(envelope, schema, options);
        }
        catch (RequestRejected rejected)
        {
            return DecodeResult.Fail(rejected.Error);
        }
    }

    private static DecodeResult Bind(Envelope envelope, ModelSchema schema, DecodeOptions options)
    {
        try
        {
            return DecodeResult.Ok(SignatureBinder.Bind(envelope, schema, options));
        }
        catch (RequestRejected rejected) when (IsSchemaFailure(rejected.Error.Code))
        {
            var error = rejected.Error;
            return DecodeResult.Fail(error with { Message = $"Failed to enforce schema of data with schema {SchemaText(schema)}. Error: {error.Message}" });
        }
    }

    private static Envelope ReadEnvelope(JsonBody body, ModelSchema schema)
    {
        var root = body.Root;
        if (root.ValueKind == JsonValueKind.Array)
        {
            throw Malformed($"{RequiredFormat}. Received a list.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"{RequiredFormat}. Received unexpected input type '{root.ValueKind.ToString().ToLowerInvariant()}'.");
        }

        var keys = root.EnumerateObject().Select(p => p.Name).ToList();
        var dataKeys = keys.Where(k => DataKeys.Contains(k)).ToList();
        if (dataKeys.Count != 1)
        {
            var received = $"Received dictionary with input fields: {FieldText.List(keys, ", ")}";
            var llm = dataKeys.Count == 0 && keys.Any(k => LlmKeys.Contains(k))
                ? " The unwrapped LLM inputs ('messages', 'prompt', 'input') are not supported: wrap the data in one of the input fields."
                : string.Empty;
            throw Malformed($"{RequiredFormat}. {received}.{llm}");
        }

        var envelope = new Envelope(ProtocolDialect.Mlflow, body.HasMarkers) { Root = root, RefuseUnknownParams = true };
        if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind != JsonValueKind.Null)
        {
            envelope.Params = parameters.ValueKind == JsonValueKind.Object ? parameters : throw Malformed("'params' must be a JSON dictionary");
        }

        var key = dataKeys[0];
        var data = root.GetProperty(key);
        switch (key)
        {
            case "dataframe_split":
                RowLayouts.FromSplit(data, schema, envelope, key);
                break;
            case "dataframe_records":
                RowLayouts.FromRowList(data, schema, envelope, key, objectsOnly: true);
                break;
            default:
                if (key == "inputs" && data.ValueKind == JsonValueKind.Object)
                {
                    RowLayouts.FromColumns(data, envelope, key);
                }
                else
                {
                    RowLayouts.FromRowList(data, schema, envelope, key);
                }

                break;
        }

        return envelope;
    }

    private static bool IsSchemaFailure(string code) => code is ServingErrorCodes.InputMissing or ServingErrorCodes.InputUnknown
        or ServingErrorCodes.DatatypeMismatch or ServingErrorCodes.ValueOutOfRange or ServingErrorCodes.NullNotAllowed
        or ServingErrorCodes.NonFiniteValue or ServingErrorCodes.ShapeMismatch or ServingErrorCodes.ElementCountMismatch
        or ServingErrorCodes.RowCountMismatch or ServingErrorCodes.EmptyBatch or ServingErrorCodes.StringTooLong;

    /// <summary>The signature as MLflow prints a schema: <c>['age': long (required), 'x': Tensor('float32', (-1, 4))]</c>.</summary>
    internal static string SchemaText(ModelSchema schema)
    {
        var parts = schema.Inputs.Take(FieldText.MaxListed).Select(i => i.IsColumn
            ? $"'{i.Name}': {i.Type.MlflowName()} ({(i.Required ? "required" : "optional")})"
            : $"'{i.Name}': Tensor('{FieldText.NumpyName(i.Type)}', ({string.Join(", ", i.Shape)}{(i.Shape.Count == 1 ? "," : "")}))");
        var more = schema.Inputs.Count > FieldText.MaxListed ? $", … {schema.Inputs.Count - FieldText.MaxListed} more" : string.Empty;
        return $"[{string.Join(", ", parts)}{more}]";
    }

    private static RequestRejected Malformed(string message) => new(ServingError.Malformed(message));
}
