using Slipway.Core.Serving;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Runtime;
using static Slipway.Core.Tests.Serving.Protocols.ProtocolSchemas;

namespace Slipway.Core.Tests.Serving.Protocols;

public sealed class OipRequestReaderTests
{
    private const string TwoRows = """
        "inputs": [
          {"name": "age", "shape": [2,1], "datatype": "INT64", "data": [39, 50]},
          {"name": "education_num", "shape": [2], "datatype": "FP32", "data": [13, 13.0]},
          {"name": "hours_per_week", "shape": [2,1], "datatype": "FP32", "data": [[40.0], [13.5]]},
          {"name": "capital_gain", "shape": [2,1], "datatype": "FP64", "data": [2174.0, 0]},
          {"name": "workclass", "shape": [2,1], "datatype": "BYTES", "data": ["State-gov", "Self-emp-not-inc"]},
          {"name": "marital_status", "shape": [2,1], "datatype": "BYTES", "data": ["Never-married", "Married-civ-spouse"]},
          {"name": "sex", "shape": [2,1], "datatype": "BYTES", "data": ["Male", "Female"]}]
        """;

    private static DecodeResult Read(string body, DecodeOptions? options = null, ModelSchema? schema = null) =>
        OipRequestReader.Read(Utf8(body), schema ?? ProtocolSchemas.Adult, options ?? DecodeOptions.Default);

    private static string AdultBody(string age = """{"name": "age", "shape": [1,1], "datatype": "INT64", "data": [39]}""", string extra = "") => $$"""
        {"inputs": [{{age}},
          {"name": "education_num", "shape": [1,1], "datatype": "FP32", "data": [13]},
          {"name": "hours_per_week", "shape": [1,1], "datatype": "FP32", "data": [40]},
          {"name": "capital_gain", "shape": [1,1], "datatype": "FP64", "data": [0]},
          {"name": "workclass", "shape": [1,1], "datatype": "BYTES", "data": ["a"]},
          {"name": "marital_status", "shape": [1,1], "datatype": "BYTES", "data": ["b"]},
          {"name": "sex", "shape": [1,1], "datatype": "BYTES", "data": ["c"]}{{extra}}]}
        """;

    [Fact]
    public void Columns_decode_flat_or_nested_with_shape_n_or_n_1_into_the_signature_tensors()
    {
        AssertTwoAdultRows(Ok(Read("{" + TwoRows + "}")));
    }

    [Fact]
    public void Id_outputs_priority_and_timeout_are_read_from_the_envelope()
    {
        var request = Ok(Read("""{"id": "order-7781", "parameters": {"priority": 2, "timeout": 250000, "custom": true}, "outputs": [{"name": "Probability"}], """ + TwoRows + "}"));

        Assert.Equal("order-7781", request.ClientId);
        Assert.Equal(2, request.Priority);
        Assert.Equal(250_000, request.TimeoutMicros);
        Assert.Equal(["Probability"], request.RequestedOutputs);
        Assert.Empty(request.Params);

        var bare = Ok(Read("{" + TwoRows + "}"));
        Assert.Null(bare.ClientId);
        Assert.Null(bare.RequestedOutputs);
        Assert.Null(bare.Priority);
    }

    [Fact]
    public void A_tensor_input_takes_flat_or_nested_data()
    {
        var flat = Ok(Read("""{"inputs": [{"name": "x", "shape": [2,4], "datatype": "FP32", "data": [1,2,3,4,5,6,7,8]}]}""", schema: Tensor4));
        var nested = Ok(Read("""{"inputs": [{"name": "x", "shape": [2,4], "datatype": "FP32", "data": [[1,2,3,4],[5,6,7,8]]}]}""", schema: Tensor4));

        Assert.Equal(new long[] { 2, 4 }, Input(flat, "x").Shape);
        Assert.Equal((float[])Input(flat, "x").Data, (float[])Input(nested, "x").Data);
        Assert.Equal(2, flat.Rows);
    }

    [Fact]
    public void A_datatype_other_than_the_models_is_refused()
    {
        var error = Fails(Read(AdultBody().Replace("\"FP32\", \"data\": [40]", "\"FP64\", \"data\": [40]", StringComparison.Ordinal)), ServingErrorCodes.DatatypeMismatch);

        Assert.Equal("input 'hours_per_week' is FP64, model expects FP32", error.Message);
        Assert.Equal("hours_per_week", error.Field);
    }

    [Fact]
    public void A_shape_that_contradicts_the_signature_is_refused()
    {
        var error = Fails(Read("""{"inputs": [{"name": "x", "shape": [1,8], "datatype": "FP32", "data": [1,2,3,4,5,6,7,8]}]}""", schema: Tensor4), ServingErrorCodes.ShapeMismatch);
        Assert.Equal("input 'x': shape [1,8] does not match [-1,4]", error.Message);

        Fails(Read(AdultBody("""{"name": "age", "shape": [1,2], "datatype": "INT64", "data": [39, 40]}""")), ServingErrorCodes.ShapeMismatch);
    }

    [Fact]
    public void Data_that_does_not_fill_the_shape_is_an_element_count_mismatch()
    {
        var error = Fails(Read("""{"inputs": [{"name": "x", "shape": [2,4], "datatype": "FP32", "data": [1,2,3,4,5,6,7]}]}""", schema: Tensor4), ServingErrorCodes.ElementCountMismatch);
        Assert.Equal("input 'x': data has 7 elements, shape [2,4] needs 8", error.Message);

        Fails(Read("""{"inputs": [{"name": "x", "shape": [2,4], "datatype": "FP32", "data": [[1,2,3,4],[5,6,7]]}]}""", schema: Tensor4), ServingErrorCodes.ElementCountMismatch);
    }

    [Fact]
    public void Inputs_with_different_row_counts_are_refused()
    {
        var error = Fails(Read(AdultBody("""{"name": "age", "shape": [2,1], "datatype": "INT64", "data": [39, 40]}""")), ServingErrorCodes.RowCountMismatch);

        Assert.Equal("input 'education_num' has 1 rows, input 'age' has 2", error.Message);
    }

    [Fact]
    public void Missing_inputs_are_listed_and_a_near_name_is_suggested()
    {
        var body = AdultBody().Replace("\"name\": \"sex\"", "\"name\": \"sx\"", StringComparison.Ordinal).Replace("\"name\": \"workclass\"", "\"name\": \"job\"", StringComparison.Ordinal);

        var error = Fails(Read(body), ServingErrorCodes.InputMissing);

        Assert.Equal("missing required input(s) ['workclass','sex']; input 'sx' was sent, did you mean 'sex'?", error.Message);
        Assert.Equal("workclass", error.Field);
    }

    [Fact]
    public void An_unknown_input_is_ignored_or_refused_in_strict_mode_with_a_suggestion()
    {
        var body = AdultBody(extra: """, {"name": "sexe", "shape": [1,1], "datatype": "BYTES", "data": ["c"]}""");

        Assert.Equal(["sexe"], Ok(Read(body)).IgnoredInputs);
        var error = Fails(Read(body, new DecodeOptions(Strict: true)), ServingErrorCodes.InputUnknown);
        Assert.Equal("unexpected input 'sexe'; did you mean 'sex'?", error.Message);
    }

    [Fact]
    public void An_unknown_output_is_refused()
    {
        var error = Fails(Read(AdultBody().TrimEnd()[..^1] + """, "outputs": [{"name": "Probabilty"}]}"""), ServingErrorCodes.OutputUnknown);

        Assert.Equal("unknown output 'Probabilty'; did you mean 'Probability'? (the model's outputs are ['PredictedLabel','Score','Probability'])", error.Message);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"inputs": {}}""")]
    [InlineData("""{"inputs": [{"name": "x", "datatype": "FP32", "data": [1,2,3,4]}]}""")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1,-4], "datatype": "FP32", "data": [1,2,3,4]}]}""")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1,4], "data": [1,2,3,4]}]}""")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1,4], "datatype": "FP32"}]}""")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1,4], "datatype": "FP32", "parameters": {"binary_data_size": 16}, "data": []}]}""")]
    [InlineData("""{"inputs": [{"name": "x", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4]}, {"name": "x", "shape": [1,4], "datatype": "FP32", "data": [1,2,3,4]}]}""")]
    [InlineData("""{"id": 7, "inputs": []}""")]
    public void A_broken_envelope_is_malformed(string body)
    {
        Fails(Read(body, schema: Tensor4), ServingErrorCodes.MalformedRequest);
    }

    [Fact]
    public void Zero_rows_is_an_empty_batch_and_too_many_a_413()
    {
        var empty = Fails(Read("""{"inputs": [{"name": "x", "shape": [0,4], "datatype": "FP32", "data": []}]}""", schema: Tensor4), ServingErrorCodes.EmptyBatch);
        Assert.Equal("the request has no rows", empty.Message);

        Fails(Read("""{"inputs": [{"name": "x", "shape": [3,4], "datatype": "FP32", "data": [1,2,3,4,1,2,3,4,1,2,3,4]}]}""", new DecodeOptions(MaxRows: 2), Tensor4), ServingErrorCodes.BatchTooLarge, 413);
    }

    [Fact]
    public void Nan_in_a_tensor_is_refused_unless_allowed()
    {
        const string body = """{"inputs": [{"name": "x", "shape": [1,4], "datatype": "FP32", "data": [1, 2, NaN, 4]}]}""";

        var error = Fails(Read(body, schema: Tensor4), ServingErrorCodes.NonFiniteValue);
        Assert.Equal("input 'x' row 0 element 2: non-finite value NaN is not allowed", error.Message);
        Assert.True(float.IsNaN(((float[])Input(Ok(Read(body, new DecodeOptions(AllowNonFinite: true), Tensor4)), "x").Data)[2]));
    }

    [Fact]
    public void Integer_inputs_accept_zero_fractions_only()
    {
        Assert.Equal(new long[] { 40 }, (long[])Input(Ok(Read(AdultBody("""{"name": "age", "shape": [1,1], "datatype": "INT64", "data": [40.0]}"""))), "age").Data);

        var error = Fails(Read(AdultBody("""{"name": "age", "shape": [1,1], "datatype": "INT64", "data": [40.5]}""")), ServingErrorCodes.DatatypeMismatch);
        Assert.Equal("column 'age' row 0: expected long, got 40.5", error.Message);
    }

    [Fact]
    public void Model_params_travel_in_the_parameters()
    {
        var request = Ok(Read(AdultBody().TrimEnd()[..^1] + """, "parameters": {"threshold": 0.3, "priority": 1}}""", schema: AdultWithParams));

        Assert.Equal(0.3, request.Params["threshold"]);
        Assert.Equal(1, request.Priority);
        Fails(Read(AdultBody().TrimEnd()[..^1] + """, "parameters": {"threshold": "x"}}""", schema: AdultWithParams), ServingErrorCodes.ParamInvalid);
        Fails(Read(AdultBody().TrimEnd()[..^1] + """, "parameters": {"priority": -1}}"""), ServingErrorCodes.ParamInvalid);
    }

    [Fact]
    public void The_sticky_key_can_be_an_inputs_first_value()
    {
        var request = Ok(Read(AdultBody(), new DecodeOptions(StickyJsonField: "workclass")));

        Assert.Equal("a", request.StickyKey);
    }

    [Fact]
    public void Unsigned_and_narrow_integer_types_keep_their_own_ranges()
    {
        var schema = new ModelSchema(
            [new FieldSpec("u", TensorType.UInt64, [-1]), new FieldSpec("i", TensorType.Int32, [-1]), new FieldSpec("b", TensorType.UInt8, [-1])],
            [new FieldSpec("y", TensorType.Fp32, [-1])],
            []);
        static string Body(string u, string i, string b) =>
            $$$"""{"inputs": [{"name": "u", "shape": [1], "datatype": "UINT64", "data": [{{{u}}}]}, {"name": "i", "shape": [1], "datatype": "INT32", "data": [{{{i}}}]}, {"name": "b", "shape": [1], "datatype": "UINT8", "data": [{{{b}}}]}]}""";

        var request = Ok(Read(Body("18446744073709551615", "-2147483648", "255"), schema: schema));
        Assert.Equal(ulong.MaxValue, Assert.IsType<ulong[]>(Input(request, "u").Data)[0]);
        Assert.Equal(int.MinValue, Assert.IsType<int[]>(Input(request, "i").Data)[0]);
        Assert.Equal((byte)255, Assert.IsType<byte[]>(Input(request, "b").Data)[0]);

        Assert.Equal("input 'u' row 0: -1 is out of range for UINT64", Fails(Read(Body("-1", "0", "0"), schema: schema), ServingErrorCodes.ValueOutOfRange).Message);
        Fails(Read(Body("0", "2147483648", "0"), schema: schema), ServingErrorCodes.ValueOutOfRange);
        Fails(Read(Body("0", "0", "256"), schema: schema), ServingErrorCodes.ValueOutOfRange);
    }
}
