using System.Text.Json;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Tests.Serving.Telemetry;

public sealed class PredictionRecordJsonTests
{
    private static JsonElement Record(PredictionEntry entry, bool sampled = true, bool dropped = false) =>
        JsonDocument.Parse(PredictionRecordJson.Write(entry, sampled, dropped)).RootElement;

    [Fact]
    public void A_record_has_the_fields_of_the_spec_with_columnar_payloads()
    {
        var record = Record(PredictionEntries.Create("p-1", sequence: 39));

        Assert.Equal("slipway.prediction.v1", record.GetProperty("schema").GetString());
        Assert.Equal("p-1", record.GetProperty("prediction_id").GetString());
        Assert.Equal("req-p-1", record.GetProperty("request_id").GetString());
        Assert.Equal("2026-03-14T09:26:53.039000Z", record.GetProperty("ts").GetString());
        Assert.Equal("income", record.GetProperty("deployment").GetString());
        var route = record.GetProperty("route");
        Assert.Equal(("champion", "primary", "sticky", "b51c0e2a9d3f4e11"), (route.GetProperty("id").GetString(), route.GetProperty("role").GetString(),
            route.GetProperty("selected_by").GetString(), route.GetProperty("key_hash").GetString()));
        var model = record.GetProperty("model");
        Assert.Equal("7", model.GetProperty("version").GetString());
        Assert.Equal("income-model", model.GetProperty("name").GetString());
        Assert.Equal("sha256:41aa", model.GetProperty("signature_digest").GetString());
        Assert.Equal("v2", record.GetProperty("protocol").GetString());
        Assert.Equal(2, record.GetProperty("rows").GetInt32());

        // [2,1] is one value per row; [2] too; [2,2] a nested array per row. Non-finite floats are strings.
        Assert.Equal("[39,40]", record.GetProperty("inputs").GetProperty("age").GetRawText());
        Assert.Equal("[40.5,\"NaN\"]", record.GetProperty("inputs").GetProperty("hours").GetRawText());
        Assert.Equal("[[0.81,0.19],[0.22,\"Infinity\"]]", record.GetProperty("outputs").GetProperty("probabilities").GetRawText());
        Assert.Equal(0.5, record.GetProperty("params").GetProperty("threshold").GetDouble());

        Assert.Equal("ok", record.GetProperty("status").GetString());
        Assert.Equal(200, record.GetProperty("http_status").GetInt32());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("error_code").ValueKind);
        Assert.Equal(0.0011, record.GetProperty("timing_s").GetProperty("infer").GetDouble());
        Assert.Equal(17, record.GetProperty("batch").GetProperty("rows").GetInt32());
        Assert.True(record.GetProperty("payload_sampled").GetBoolean());
        Assert.False(record.GetProperty("payload_dropped").GetBoolean());
    }

    [Fact]
    public void Missing_payloads_are_null_and_a_scalar_tensor_is_its_value()
    {
        var entry = PredictionEntries.Create("p-2") with
        {
            Inputs = [new Tensor("flag", TensorType.Bool, [], new[] { true }), new Tensor("img", TensorType.UInt8, [1, 2, 2], new byte[] { 1, 2, 3, 4 })],
            Outputs = null,
            Params = null,
            Version = null,
        };

        var record = Record(entry, sampled: false, dropped: true);

        Assert.Equal("true", record.GetProperty("inputs").GetProperty("flag").GetRawText());
        Assert.Equal("[[[1,2],[3,4]]]", record.GetProperty("inputs").GetProperty("img").GetRawText());
        Assert.Equal(JsonValueKind.Null, record.GetProperty("outputs").ValueKind);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("params").ValueKind);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("model").GetProperty("version").ValueKind);
        Assert.False(record.GetProperty("payload_sampled").GetBoolean());
        Assert.True(record.GetProperty("payload_dropped").GetBoolean());
    }

    [Fact]
    public void Timestamps_are_utc_with_microseconds()
    {
        var at = new DateTimeOffset(2026, 3, 14, 11, 26, 53, TimeSpan.FromHours(2)).AddTicks(5_897_931);
        Assert.Equal("2026-03-14T09:26:53.589793Z", PredictionRecordJson.Timestamp(at));
    }
}
