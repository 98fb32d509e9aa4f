using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Decodes an Open Inference Protocol v2 <c>/infer</c> body (serving spec §1.2): <c>inputs[]</c> with <c>name</c>,
/// <c>shape</c>, <c>datatype</c> (must equal the model's) and <c>data</c> flat or nested; optional <c>id</c>,
/// <c>outputs[].name</c> and <c>parameters</c> (<c>priority</c>, <c>timeout</c> in µs, the model's params by name;
/// anything else is ignored). The binary tensor extension is not supported: a <c>binary_data_size</c> is refused.
/// </summary>
public static class OipRequestReader
{
    public static DecodeResult Read(ReadOnlySpan<byte> json, ModelSchema schema, DecodeOptions options)
    {
        try
        {
            using var body = JsonBody.Parse(json, options.MaxDepth);
            var envelope = ReadEnvelope(body, schema);
            return DecodeResult.Ok(SignatureBinder.Bind(envelope, schema, options));
        }
        catch (RequestRejected rejected)
        {
            return DecodeResult.Fail(rejected.Error);
        }
    }

    private static Envelope ReadEnvelope(JsonBody body, ModelSchema schema)
    {
        var root = body.Root;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the request body must be a JSON object with 'inputs'");
        }

        var envelope = new Envelope(ProtocolDialect.Oip, body.HasMarkers) { Root = root };
        if (root.TryGetProperty("id", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            envelope.ClientId = id.ValueKind == JsonValueKind.String ? id.GetString() : throw Malformed("'id' must be a string");
        }

        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("'inputs' must be a list of tensors");
        }

        var position = 0;
        foreach (var input in inputs.EnumerateArray())
        {
            envelope.Inputs.Add(ReadInput(input, position++));
        }

        if (root.TryGetProperty("outputs", out var outputs) && outputs.ValueKind != JsonValueKind.Null)
        {
            if (outputs.ValueKind != JsonValueKind.Array)
            {
                throw Malformed("'outputs' must be a list of objects with a 'name'");
            }

            envelope.RequestedOutputs = [];
            foreach (var output in outputs.EnumerateArray())
            {
                if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw Malformed("'outputs' must be a list of objects with a 'name'");
                }

                envelope.RequestedOutputs.Add(name.GetString()!);
            }
        }

        if (root.TryGetProperty("parameters", out var parameters) && parameters.ValueKind != JsonValueKind.Null)
        {
            ReadParameters(parameters, schema, envelope);
        }

        return envelope;
    }

    private static OipTensorInput ReadInput(JsonElement input, int position)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw Malformed($"inputs[{position}] must be an object with 'name', 'shape', 'datatype' and 'data'");
        }

        if (!input.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            throw Malformed($"inputs[{position}] has no 'name'");
        }

        var name = nameElement.GetString()!;
        if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"input '{name}' has no 'shape' (a list of non-negative integers)");
        }

        var shape = new long[shapeElement.GetArrayLength()];
        var d = 0;
        foreach (var dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out var size) || size < 0)
            {
                throw Malformed($"input '{name}': 'shape' must be a list of non-negative integers");
            }

            shape[d++] = size;
        }

        if (!input.TryGetProperty("datatype", out var datatype) || datatype.ValueKind != JsonValueKind.String)
        {
            throw Malformed($"input '{name}' has no 'datatype'");
        }

        if (input.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("binary_data_size", out _))
        {
            throw Malformed($"input '{name}': binary tensor data is not supported, send 'data' as JSON");
        }

        if (!input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw Malformed($"input '{name}' has no 'data' list");
        }

        return new OipTensorInput(name, shape, datatype.GetString()!, data);
    }

    private static void ReadParameters(JsonElement parameters, ModelSchema schema, Envelope envelope)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("'parameters' must be an object");
        }

        if (parameters.TryGetProperty("priority", out var priority))
        {
            envelope.Priority = NonNegative(priority, "priority");
        }

        if (parameters.TryGetProperty("timeout", out var timeout))
        {
            envelope.TimeoutMicros = NonNegative(timeout, "timeout");
        }

        // The model's params travel among the request parameters; the rest (Triton's, slipway_*) are not the model's.
        if (schema.Params.Count > 0)
        {
            envelope.Params = parameters;
            envelope.RefuseUnknownParams = false;
        }
    }

    private static long NonNegative(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw new RequestRejected(ServingError.Invalid(ServingErrorCodes.ParamInvalid, $"parameter '{name}' must be a non-negative integer", name));

    private static RequestRejected Malformed(string message) => new(ServingError.Malformed(message));
}
