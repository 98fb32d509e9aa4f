using System.Buffers;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Slipway.Tests.Models;

namespace Slipway.Load.Measurements;

/// <summary>
/// The same rows of adult-census in the two forms the serving benchmark sends them: an Open Inference Protocol v2 body
/// (one <c>[rows,1]</c> input per column) for Slipway, and ONNX Runtime values for the in-process baseline.
/// </summary>
internal sealed class ServingInputs(IReadOnlyList<AdultCensusRow> rows)
{
    public int Rows => rows.Count;

    /// <summary>The first <paramref name="count"/> rows of <c>adult-census.csv</c>, one in every <paramref name="every"/>.</summary>
    public static ServingInputs FromData(int count, int every = 97) =>
        new(AdultCensusExample.Read(Tests.TestData.File("adult-census.csv"), every).Take(count).ToList<AdultCensusRow>());

    /// <summary><c>POST /v2/models/{name}/infer</c>: INT64 age, FP32 education_num and hours_per_week, FP64 capital_gain, BYTES text.</summary>
    public byte[] OipBody()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("inputs");
            Input(json, "age", "INT64", r => json.WriteNumberValue(r.Age));
            Input(json, "education_num", "FP32", r => json.WriteNumberValue(r.EducationNum));
            Input(json, "hours_per_week", "FP32", r => json.WriteNumberValue(r.HoursPerWeek));
            Input(json, "capital_gain", "FP64", r => json.WriteNumberValue(r.CapitalGain));
            Input(json, "workclass", "BYTES", r => json.WriteStringValue(r.Workclass));
            Input(json, "marital_status", "BYTES", r => json.WriteStringValue(r.MaritalStatus));
            Input(json, "sex", "BYTES", r => json.WriteStringValue(r.Sex));
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// One ONNX Runtime value per graph input, named as <paramref name="inputNames"/> lists them (the graph's order),
    /// over arrays built once. The caller disposes them.
    /// </summary>
    public OrtValue[] OrtInputs(IReadOnlyList<string> inputNames)
    {
        long[] shape = [rows.Count, 1];
        return inputNames.Select(name => name switch
        {
            "age" => OrtValue.CreateTensorValueFromMemory(rows.Select(r => r.Age).ToArray(), shape),
            "education_num" => OrtValue.CreateTensorValueFromMemory(rows.Select(r => r.EducationNum).ToArray(), shape),
            "hours_per_week" => OrtValue.CreateTensorValueFromMemory(rows.Select(r => r.HoursPerWeek).ToArray(), shape),
            "capital_gain" => OrtValue.CreateTensorValueFromMemory(rows.Select(r => r.CapitalGain).ToArray(), shape),
            "workclass" => Strings(rows.Select(r => r.Workclass), shape),
            "marital_status" => Strings(rows.Select(r => r.MaritalStatus), shape),
            "sex" => Strings(rows.Select(r => r.Sex), shape),
            _ => throw new InvalidOperationException($"The ONNX graph has an input '{name}' the benchmark does not know."),
        }).ToArray();
    }

    private void Input(Utf8JsonWriter json, string name, string datatype, Action<AdultCensusRow> value)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartArray("shape");
        json.WriteNumberValue(rows.Count);
        json.WriteNumberValue(1);
        json.WriteEndArray();
        json.WriteString("datatype", datatype);
        json.WriteStartArray("data");
        foreach (var row in rows)
        {
            value(row);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static OrtValue Strings(IEnumerable<string> values, long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        var i = 0;
        foreach (var text in values)
        {
            value.StringTensorSetElementAt(text.AsSpan(), i++);
        }

        return value;
    }
}
