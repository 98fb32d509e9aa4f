using System.Buffers;
using System.Text;
using Slipway.Core.Serving;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Tests.Serving.Protocols;

public sealed class ResponseWriterTests
{
    private static readonly ResponseInfo Info = new("income", "7", "order-7781", "01956f3c-8c2e-7b4e-9f10-2d6a0c1e44aa", "champion");

    private static readonly Tensor Probabilities = new("probabilities", TensorType.Fp32, [2, 2], new[] { 0.81f, 0.19f, 0.1f, float.NaN });
    private static readonly Tensor Label = new("label", TensorType.Int64, [2], new long[] { 1, 0 });

    private static string Written(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Oip_responses_carry_metadata_and_flat_data_with_fp32_written_as_fp32_and_nan_as_null()
    {
        var json = Written(b => OipResponseWriter.Write(b, Info, [Label, Probabilities], null));

        Assert.Equal(
            """{"model_name":"income","model_version":"7","id":"order-7781","parameters":{"slipway_prediction_id":"01956f3c-8c2e-7b4e-9f10-2d6a0c1e44aa","slipway_route":"champion"},"outputs":[{"name":"label","shape":[2],"datatype":"INT64","data":[1,0]},{"name":"probabilities","shape":[2,2],"datatype":"FP32","data":[0.81,0.19,0.1,null]}]}""",
            json);
    }

    [Fact]
    public void Oip_responses_hold_the_requested_outputs_in_request_order()
    {
        var json = Written(b => OipResponseWriter.Write(b, Info, [Label, Probabilities], ["probabilities"]));

        Assert.Contains("\"outputs\":[{\"name\":\"probabilities\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"label\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_one_per_row_output_gives_a_list_of_scalars()
    {
        var column = new Tensor("Score", TensorType.Fp64, [2, 1], new[] { 0.5, 1e-7 });

        Assert.Equal("""{"predictions":[1,0]}""", Written(b => V1ResponseWriter.Write(b, [Label])));
        Assert.Equal("""{"predictions":[0.5,1E-07]}""", Written(b => MlflowResponseWriter.Write(b, [column])));
    }

    [Fact]
    public void Several_outputs_or_multi_element_rows_give_an_object_per_row()
    {
        var names = new Tensor("name", TensorType.Bytes, [2, 1], new[] { "a", "b" });
        var flags = new Tensor("flag", TensorType.Bool, [2, 1], new[] { true, false });

        Assert.Equal(
            """{"predictions":[{"label":1,"probabilities":[0.81,0.19],"name":"a","flag":true},{"label":0,"probabilities":[0.1,null],"name":"b","flag":false}]}""",
            Written(b => V1ResponseWriter.Write(b, [Label, Probabilities, names, flags])));
        Assert.Equal(
            """{"predictions":[{"probabilities":[0.81,0.19]},{"probabilities":[0.1,null]}]}""",
            Written(b => MlflowResponseWriter.Write(b, [Probabilities])));
    }

    [Fact]
    public void Row_values_nest_as_the_outputs_row_shape()
    {
        var cube = new Tensor("c", TensorType.Int32, [1, 2, 2], new[] { 1, 2, 3, 4 });

        Assert.Equal("""{"predictions":[{"c":[[1,2],[3,4]]}]}""", Written(b => V1ResponseWriter.Write(b, [cube])));
    }

    [Fact]
    public void Oip_and_v1_errors_carry_the_message_code_and_request_id()
    {
        var error = ServingError.Invalid(ServingErrorCodes.InputMissing, "missing required input(s) ['sex']", "sex");

        Assert.Equal(
            """{"error":"missing required input(s) ['sex']","code":"INPUT_MISSING","request_id":"req-1"}""",
            Written(b => ServingErrorWriter.WriteOip(b, error, "req-1")));
        Assert.Equal(
            """{"error":"missing required input(s) ['sex']","code":"INPUT_MISSING","request_id":"req-1"}""",
            Written(b => ServingErrorWriter.WriteV1(b, error, "req-1")));
    }

    [Fact]
    public void Mlflow_errors_carry_mlflows_code_and_slipways()
    {
        var malformed = ServingError.Malformed("bad");
        var tooLarge = new ServingError(413, ServingErrorCodes.BatchTooLarge, "too many rows");

        Assert.Equal(
            """{"error_code":"BAD_REQUEST","message":"bad","slipway_code":"MALFORMED_REQUEST","request_id":"r"}""",
            Written(b => ServingErrorWriter.WriteMlflow(b, malformed, "r")));
        Assert.Equal(
            """{"error_code":"INVALID_PARAMETER_VALUE","message":"too many rows","slipway_code":"BATCH_TOO_LARGE","request_id":"r"}""",
            Written(b => ServingErrorWriter.WriteMlflow(b, tooLarge, "r")));
    }

    [Fact]
    public void Unsigned_outputs_are_written_as_their_own_type()
    {
        var big = new Tensor("u", TensorType.UInt64, [1], new[] { ulong.MaxValue });
        var small = new Tensor("v", TensorType.UInt32, [1], new[] { uint.MaxValue });

        Assert.Equal("""{"predictions":[{"u":18446744073709551615,"v":4294967295}]}""", Written(b => V1ResponseWriter.Write(b, [big, small])));
    }
}
