using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Decodes a KServe V1 <c>:predict</c> body (serving spec §1.3): exactly one of <c>{"instances": [rows]}</c> (each row
/// a list or an object) or <c>{"inputs": …}</c> (columnar object, or rows of the single input). The sticky field may sit
/// beside it.
/// </summary>
public static class V1RequestReader
{
    public static DecodeResult Read(ReadOnlySpan<byte> json, ModelSchema schema, DecodeOptions options)
    {
        try
        {
            using var body = JsonBody.Parse(json, options.MaxDepth);
            var root = body.Root;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RequestRejected(ServingError.Malformed("the request body must be a JSON object with exactly one of 'instances' or 'inputs'"));
            }

            var keys = root.EnumerateObject().Select(p => p.Name).Where(k => k != options.StickyJsonField).ToList();
            if (keys.Count != 1 || keys[0] is not ("instances" or "inputs"))
            {
                throw new RequestRejected(ServingError.Malformed(
                    $"the request body must have exactly one of 'instances' or 'inputs', got {FieldText.List(keys)}"));
            }

            var envelope = new Envelope(ProtocolDialect.V1, body.HasMarkers) { Root = root };
            var data = root.GetProperty(keys[0]);
            if (keys[0] == "inputs" && data.ValueKind == JsonValueKind.Object)
            {
                RowLayouts.FromColumns(data, envelope, keys[0]);
            }
            else
            {
                RowLayouts.FromRowList(data, schema, envelope, keys[0]);
            }

            return DecodeResult.Ok(SignatureBinder.Bind(envelope, schema, options));
        }
        catch (RequestRejected rejected)
        {
            return DecodeResult.Fail(rejected.Error);
        }
    }
}
