using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// Writes a prediction as a <c>slipway.prediction.v1</c> record (serving spec §7.3), one JSON object per line.
/// <c>inputs</c> and <c>outputs</c> are columnar by tensor name: one value per row, or a nested array per row for
/// tensors with more than one element per row. Floating-point NaN and infinities are written as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>, as MLflow writes them. <c>payload_sampled</c> says whether
/// the deployment's sample took this prediction; <c>payload_dropped</c> says the log was too full to keep its payloads.
/// </summary>
public static class PredictionRecordJson
{
    public const string Schema = "slipway.prediction.v1";

    private static readonly JsonSerializerOptions ParamOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write(PredictionEntry entry, bool payloadSampled, bool payloadDropped)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, entry, payloadSampled, payloadDropped);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The record's <c>ts</c>: RFC 3339 in UTC with microseconds.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Write(Utf8JsonWriter json, PredictionEntry e, bool payloadSampled, bool payloadDropped)
    {
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("prediction_id", e.PredictionId);
        json.WriteString("request_id", e.RequestId);
        json.WriteString("trace_id", e.TraceId);
        json.WriteString("ts", Timestamp(e.Timestamp));
        json.WriteString("deployment", e.Deployment);

        json.WriteStartObject("route");
        json.WriteString("id", e.RouteId);
        json.WriteString("role", e.Role);
        json.WriteString("selected_by", e.SelectedBy);
        json.WriteString("key_hash", e.KeyHash);
        json.WriteEndObject();

        json.WriteStartObject("model");
        json.WriteString("name", e.ModelName);
        if (e.Version is { } version)
        {
            json.WriteString("version", version.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull("version");
        }

        json.WriteString("alias", e.Alias);
        json.WriteString("flavor", e.Flavor);
        json.WriteString("artifact_digest", e.ArtifactDigest);
        json.WriteString("signature_digest", e.SignatureDigest);
        json.WriteEndObject();

        json.WriteString("protocol", e.Protocol);
        json.WriteString("tier", e.Tier);
        json.WriteString("principal", e.Principal);
        json.WriteNumber("rows", e.Rows);
        WriteTensors(json, "inputs", e.Inputs);
        WriteTensors(json, "outputs", e.Outputs);
        WriteParams(json, e.Params);
        json.WriteString("status", e.Status);
        json.WriteNumber("http_status", e.HttpStatus);
        json.WriteString("error_code", e.ErrorCode);

        json.WriteStartObject("timing_s");
        WriteDouble(json, "queue", e.QueueSeconds);
        WriteDouble(json, "infer", e.InferSeconds);
        WriteDouble(json, "total", e.TotalSeconds);
        json.WriteEndObject();

        json.WriteStartObject("batch");
        json.WriteNumber("rows", e.BatchRows);
        json.WriteNumber("chunks", e.BatchChunks);
        json.WriteEndObject();

        json.WriteBoolean("payload_sampled", payloadSampled);
        json.WriteBoolean("payload_dropped", payloadDropped);
        json.WriteEndObject();
    }

    private static void WriteTensors(Utf8JsonWriter json, string name, IReadOnlyList<Tensor>? tensors)
    {
        if (tensors is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        foreach (var tensor in tensors)
        {
            json.WritePropertyName(tensor.Name);
            WriteColumn(json, tensor);
        }

        json.WriteEndObject();
    }

    /// <summary>A scalar tensor as its value; otherwise one entry per row, nested by the dims after the first.</summary>
    private static void WriteColumn(Utf8JsonWriter json, Tensor tensor)
    {
        if (tensor.Shape.Length == 0)
        {
            WriteElement(json, tensor.Data, 0);
            return;
        }

        var index = 0;
        json.WriteStartArray();
        for (var row = 0; row < tensor.Rows; row++)
        {
            if (tensor.Shape.Length == 1 || tensor.ElementsPerRow == 1 && tensor.Shape.Length == 2)
            {
                WriteElement(json, tensor.Data, index++);
            }
            else
            {
                WriteNested(json, tensor, 1, ref index);
            }
        }

        json.WriteEndArray();
    }

    private static void WriteNested(Utf8JsonWriter json, Tensor tensor, int dimension, ref int index)
    {
        json.WriteStartArray();
        for (long i = 0; i < tensor.Shape[dimension]; i++)
        {
            if (dimension == tensor.Shape.Length - 1)
            {
                WriteElement(json, tensor.Data, index++);
            }
            else
            {
                WriteNested(json, tensor, dimension + 1, ref index);
            }
        }

        json.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter json, Array data, int i)
    {
        switch (data)
        {
            case float[] f: WriteFloat(json, f[i]); break;
            case double[] d: WriteDouble(json, d[i]); break;
            case long[] l: json.WriteNumberValue(l[i]); break;
            case int[] n: json.WriteNumberValue(n[i]); break;
            case bool[] b: json.WriteBooleanValue(b[i]); break;
            case string[] s: json.WriteStringValue(s[i]); break;
            case Half[] h: WriteFloat(json, (float)h[i]); break;
            case short[] s16: json.WriteNumberValue(s16[i]); break;
            case sbyte[] s8: json.WriteNumberValue(s8[i]); break;
            case byte[] u8: json.WriteNumberValue(u8[i]); break;
            case ushort[] u16: json.WriteNumberValue(u16[i]); break;
            case uint[] u32: json.WriteNumberValue(u32[i]); break;
            case ulong[] u64: json.WriteNumberValue(u64[i]); break;
            default: json.WriteNullValue(); break;
        }
    }

    private static void WriteFloat(Utf8JsonWriter json, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(NonFinite(value));
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(NonFinite(value));
        }
    }

    private static void WriteDouble(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        WriteDouble(json, value);
    }

    private static string NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";

    /// <summary>Params as the request gave them; a value that JSON cannot hold is written as null rather than failing the record.</summary>
    private static void WriteParams(Utf8JsonWriter json, IReadOnlyDictionary<string, object?>? parameters)
    {
        if (parameters is null)
        {
            json.WriteNull("params");
            return;
        }

        json.WriteStartObject("params");
        foreach (var (key, value) in parameters)
        {
            json.WritePropertyName(key);
            switch (value)
            {
                case null: json.WriteNullValue(); break;
                case string s: json.WriteStringValue(s); break;
                case bool b: json.WriteBooleanValue(b); break;
                case double d: WriteDouble(json, d); break;
                case float f: WriteFloat(json, f); break;
                case long l: json.WriteNumberValue(l); break;
                case int i: json.WriteNumberValue(i); break;
                case JsonElement element: element.WriteTo(json); break;
                default:
                    try
                    {
                        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ParamOptions);
                        json.WriteRawValue(bytes, skipInputValidation: true);
                    }
                    catch (NotSupportedException)
                    {
                        json.WriteNullValue();
                    }

                    break;
            }
        }

        json.WriteEndObject();
    }
}
