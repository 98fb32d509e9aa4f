using Slipway.Core.Serving;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Runtime;
using static Slipway.Core.Tests.Serving.Protocols.ProtocolSchemas;

namespace Slipway.Core.Tests.Serving.Protocols;

public sealed class V1RequestReaderTests
{
    private static DecodeResult Read(string body, DecodeOptions? options = null, ModelSchema? schema = null) =>
        V1RequestReader.Read(Utf8(body), schema ?? Adult, options ?? DecodeOptions.Default);

    [Fact]
    public void Instances_as_objects_as_lists_or_columnar_inputs_give_the_same_tensors()
    {
        AssertTwoAdultRows(Ok(Read("""
            {"instances": [
              {"age": 39, "education_num": 13, "hours_per_week": 40.0, "capital_gain": 2174.0, "workclass": "State-gov", "marital_status": "Never-married", "sex": "Male"},
              {"age": 50, "education_num": 13.0, "hours_per_week": 13.5, "capital_gain": 0, "workclass": "Self-emp-not-inc", "marital_status": "Married-civ-spouse", "sex": "Female"}]}
            """)));
        AssertTwoAdultRows(Ok(Read("""
            {"instances": [[39, 13, 40.0, 2174.0, "State-gov", "Never-married", "Male"],
                           [50, 13.0, 13.5, 0, "Self-emp-not-inc", "Married-civ-spouse", "Female"]]}
            """)));
        AssertTwoAdultRows(Ok(Read("""
            {"inputs": {"age": [39, 50], "education_num": [13, 13.0], "hours_per_week": [40.0, 13.5], "capital_gain": [2174.0, 0],
                        "workclass": ["State-gov", "Self-emp-not-inc"], "marital_status": ["Never-married", "Married-civ-spouse"], "sex": ["Male", "Female"]}}
            """)));
    }

    [Fact]
    public void A_single_tensor_model_takes_instances_as_rows()
    {
        var request = Ok(Read("""{"instances": [[1, 2, 3, 4], [5, 6, 7, 8]]}""", schema: Tensor4));

        Assert.Equal(new long[] { 2, 4 }, Input(request, "x").Shape);
        Assert.Equal(new[] { 1f, 2, 3, 4, 5, 6, 7, 8 }, (float[])Input(request, "x").Data);
        Assert.Equal((float[])Input(request, "x").Data, (float[])Input(Ok(Read("""{"inputs": [[1, 2, 3, 4], [5, 6, 7, 8]]}""", schema: Tensor4)), "x").Data);
    }

    [Theory]
    [InlineData("""{"instances": [], "inputs": []}""")]
    [InlineData("""{"rows": []}""")]
    [InlineData("""{}""")]
    [InlineData("""[[1,2,3,4]]""")]
    [InlineData("""{"instances": {"x": [1,2,3,4]}}""")]
    public void The_envelope_needs_exactly_one_of_instances_or_inputs(string body)
    {
        Fails(Read(body, schema: Tensor4), ServingErrorCodes.MalformedRequest);
    }

    [Fact]
    public void A_list_row_with_the_wrong_number_of_values_is_malformed()
    {
        var error = Fails(Read("""{"instances": [[39, 13, 40.0, 2174.0, "State-gov", "Never-married"]]}"""), ServingErrorCodes.MalformedRequest);

        Assert.StartsWith("'instances' row 0 has 6 values; expected a list of 7 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_of_different_lengths_are_a_row_count_mismatch()
    {
        var error = Fails(Read("""
            {"inputs": {"age": [39, 50], "education_num": [13], "hours_per_week": [40.0, 13.5], "capital_gain": [2174.0, 0],
                        "workclass": ["a", "b"], "marital_status": ["a", "b"], "sex": ["a", "b"]}}
            """), ServingErrorCodes.RowCountMismatch);

        Assert.Equal("input 'education_num' has 1 rows, input 'age' has 2", error.Message);
    }

    [Fact]
    public void A_ragged_row_is_an_element_count_mismatch_and_a_short_one_a_shape_mismatch()
    {
        var schema = Tensor4 with { Inputs = [new FieldSpec("x", TensorType.Fp32, [-1, 2, 2])] };

        Fails(Read("""{"instances": [[[1, 2], [3]]]}""", schema: schema), ServingErrorCodes.ElementCountMismatch);
        var error = Fails(Read("""{"instances": [[1, 2, 3]]}""", schema: Tensor4), ServingErrorCodes.ShapeMismatch);
        Assert.Equal("input 'x': shape [1,3] does not match [-1,4]", error.Message);
    }

    [Fact]
    public void The_sticky_field_may_sit_beside_the_data()
    {
        var request = Ok(Read("""{"customer_id": "c-9", "instances": [[1, 2, 3, 4]]}""", new DecodeOptions(StickyJsonField: "customer_id"), Tensor4));

        Assert.Equal("c-9", request.StickyKey);
    }
}
