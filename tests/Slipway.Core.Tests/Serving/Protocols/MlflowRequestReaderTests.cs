using Slipway.Core.Serving;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Runtime;
using static Slipway.Core.Tests.Serving.Protocols.ProtocolSchemas;

namespace Slipway.Core.Tests.Serving.Protocols;

public sealed class MlflowRequestReaderTests
{
    private static DecodeResult Json(string body, DecodeOptions? options = null, ModelSchema? schema = null) =>
        MlflowRequestReader.ReadJson(Utf8(body), schema ?? Adult, options ?? DecodeOptions.Default);

    private static DecodeResult Csv(string body, DecodeOptions? options = null) =>
        MlflowRequestReader.ReadCsv(Utf8(body), Adult, options ?? DecodeOptions.Default);

    [Fact]
    public void Dataframe_split_decodes_into_the_signature_tensors()
    {
        var request = Ok(Json(AdultSplit));

        AssertTwoAdultRows(request);
        Assert.Empty(request.IgnoredInputs);
        Assert.Empty(request.Params);
    }

    [Fact]
    public void Dataframe_split_ignores_the_index_and_takes_columns_in_any_order()
    {
        var request = Ok(Json("""
            {"dataframe_split": {"index": [7, 8], "columns": ["sex","marital_status","workclass","capital_gain","hours_per_week","education_num","age"],
              "data": [["Male","Never-married","State-gov",2174.0,40.0,13,39], ["Female","Married-civ-spouse","Self-emp-not-inc",0,13.5,13.0,50]]}}
            """));

        AssertTwoAdultRows(request);
    }

    [Fact]
    public void Dataframe_records_decode_like_the_split_orient()
    {
        var request = Ok(Json("""
            {"dataframe_records": [
              {"age": 39, "education_num": 13, "hours_per_week": 40.0, "capital_gain": 2174.0, "workclass": "State-gov", "marital_status": "Never-married", "sex": "Male"},
              {"sex": "Female", "age": 50, "education_num": 13.0, "hours_per_week": 13.5, "capital_gain": 0, "workclass": "Self-emp-not-inc", "marital_status": "Married-civ-spouse"}]}
            """));

        AssertTwoAdultRows(request);
    }

    [Fact]
    public void Instances_and_columnar_inputs_decode_like_the_split_orient()
    {
        AssertTwoAdultRows(Ok(Json("""
            {"instances": [
              {"age": 39, "education_num": 13, "hours_per_week": 40.0, "capital_gain": 2174.0, "workclass": "State-gov", "marital_status": "Never-married", "sex": "Male"},
              {"age": 50, "education_num": 13.0, "hours_per_week": 13.5, "capital_gain": 0, "workclass": "Self-emp-not-inc", "marital_status": "Married-civ-spouse", "sex": "Female"}]}
            """)));
        AssertTwoAdultRows(Ok(Json("""
            {"inputs": {"age": [39, 50], "education_num": [13, 13.0], "hours_per_week": [40.0, 13.5], "capital_gain": [2174.0, 0],
                        "workclass": ["State-gov", "Self-emp-not-inc"], "marital_status": ["Never-married", "Married-civ-spouse"], "sex": [["Male"], ["Female"]]}}
            """)));
    }

    [Fact]
    public void Csv_gives_the_same_tensors_as_json_for_the_same_rows_issue_5525()
    {
        var csv = Ok(Csv("age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\r\n39,13,40.0,2174.0,State-gov,Never-married,Male\r\n50,13.0,13.5,0,Self-emp-not-inc,Married-civ-spouse,Female\r\n"));
        var json = Ok(Json(AdultSplit));

        AssertTwoAdultRows(csv);
        for (var i = 0; i < json.Batch.Inputs.Count; i++)
        {
            Assert.Equal(json.Batch.Inputs[i].Shape, csv.Batch.Inputs[i].Shape);
            Assert.Equal(json.Batch.Inputs[i].Data, csv.Batch.Inputs[i].Data);
        }
    }

    [Theory]
    [InlineData("40.0", null)]
    [InlineData("4e1", null)]
    [InlineData("40.5", ServingErrorCodes.DatatypeMismatch)]
    [InlineData("1e20", ServingErrorCodes.ValueOutOfRange)]
    [InlineData("9223372036854775808", ServingErrorCodes.ValueOutOfRange)]
    [InlineData("\"40\"", ServingErrorCodes.DatatypeMismatch)]
    [InlineData("true", ServingErrorCodes.DatatypeMismatch)]
    [InlineData("null", ServingErrorCodes.NullNotAllowed)]
    public void Csv_and_json_agree_on_each_integer_value(string value, string? code)
    {
        var json = Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[{{{value}}}, 13, 40, 0, "a", "b", "c"]]}}""");
        var csvValue = value switch { "null" => "", "true" => "true", _ => value.Replace("\"", "\"\"\"", StringComparison.Ordinal) };
        var csv = Csv($"age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\n{csvValue},13,40,0,a,b,c\n");

        foreach (var result in new[] { json, csv })
        {
            if (code is null)
            {
                Assert.Equal(new long[] { 40 }, (long[])Input(Ok(result), "age").Data);
            }
            else
            {
                var error = Fails(result, code);
                Assert.Equal("age", error.Field);
                Assert.Contains("column 'age' row 0", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_missing_column_is_refused_in_mlflow_words()
    {
        var error = Fails(Json("""{"dataframe_records": [{"age": 39, "education_num": 13, "hours_per_week": 40, "capital_gain": 0, "workclass": "a", "marital_status": "b", "sx": "c"}]}"""), ServingErrorCodes.InputMissing);

        Assert.StartsWith("Failed to enforce schema of data with schema ['age': long (required), ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Error: Model is missing inputs ['sex']. Note that there were extra inputs: ['sx'].", error.Message, StringComparison.Ordinal);
        Assert.Equal("sex", error.Field);
        Assert.Equal("INVALID_PARAMETER_VALUE", error.MlflowCode);
    }

    [Fact]
    public void An_extra_column_is_ignored_and_listed_and_refused_in_strict_mode()
    {
        const string body = """
            {"dataframe_split": {"columns": ["age","education_num","hours_per_week","capital_gain","workclass","marital_status","sex","customer"],
              "data": [[39, 13, 40.0, 0, "a", "b", "c", "c-17"]]}}
            """;

        var request = Ok(Json(body));
        Assert.Equal(["customer"], request.IgnoredInputs);
        Assert.Equal(7, request.Batch.Inputs.Count);

        var error = Fails(Json(body, new DecodeOptions(Strict: true)), ServingErrorCodes.InputUnknown);
        Assert.EndsWith("Error: unexpected input 'customer'", error.Message, StringComparison.Ordinal);
        Assert.Equal("customer", error.Field);
    }

    [Fact]
    public void A_wrong_json_kind_names_the_column_the_row_and_what_came()
    {
        var error = Fails(Json("""{"dataframe_split": {"columns": [AGE], "data": [[39, 13, 40, 0, "a", "b", "c"], [39, 13, 40, 0, "a", "b", "c"], [39, 13, 40, 0, "a", "b", "c"], ["39", 13, 40, 0, "a", "b", "c"]]}}""".Replace("AGE", AdultColumns, StringComparison.Ordinal)), ServingErrorCodes.DatatypeMismatch);

        Assert.EndsWith("Error: column 'age' row 3: expected long, got \"39\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_are_not_numbers_and_numbers_are_not_strings()
    {
        Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, "13", 40, 0, "a", "b", "c"]]}}"""), ServingErrorCodes.DatatypeMismatch);
        var error = Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, 7, "b", "c"]]}}"""), ServingErrorCodes.DatatypeMismatch);
        Assert.EndsWith("column 'workclass' row 0: expected string, got 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_float_beyond_fp32_is_out_of_range_but_fine_as_a_double()
    {
        var error = Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 1e39, 40, 0, "a", "b", "c"]]}}"""), ServingErrorCodes.ValueOutOfRange);
        Assert.EndsWith("column 'education_num' row 0: 1e39 is out of range for float", error.Message, StringComparison.Ordinal);

        var request = Ok(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 1e39, "a", "b", "c"]]}}"""));
        Assert.Equal(new[] { 1e39 }, (double[])Input(request, "capital_gain").Data);
    }

    [Fact]
    public void Null_in_an_integer_column_carries_mlflows_hint()
    {
        var error = Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[null, 13, 40, 0, "a", "b", "c"]]}}"""), ServingErrorCodes.NullNotAllowed);

        Assert.Contains("column 'age' row 0: null is not allowed for long", error.Message, StringComparison.Ordinal);
        Assert.Contains("declare the column as double", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_in_a_required_float_column_is_refused()
    {
        Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, null, 40, 0, "a", "b", "c"]]}}"""), ServingErrorCodes.NullNotAllowed);
    }

    [Fact]
    public void An_optional_float_column_that_is_null_or_absent_becomes_nan()
    {
        var schema = Adult with { Inputs = [.. Adult.Inputs.Select(i => i.Name is "hours_per_week" or "capital_gain" ? i with { Required = false } : i)] };

        var request = Ok(Json("""
            {"dataframe_records": [{"age": 39, "education_num": 13, "hours_per_week": null, "workclass": "a", "marital_status": "b", "sex": "c"},
                                   {"age": 40, "education_num": 13, "workclass": "a", "marital_status": "b", "sex": "c"}]}
            """, schema: schema));

        Assert.All((float[])Input(request, "hours_per_week").Data, v => Assert.True(float.IsNaN(v)));
        Assert.All((double[])Input(request, "capital_gain").Data, v => Assert.True(double.IsNaN(v)));
        Assert.Equal(new long[] { 2, 1 }, Input(request, "capital_gain").Shape);
    }

    [Fact]
    public void An_absent_optional_string_column_has_no_missing_value_encoding()
    {
        var schema = Adult with { Inputs = [.. Adult.Inputs.Select(i => i.Name == "sex" ? i with { Required = false } : i)] };

        var error = Fails(Json("""{"dataframe_records": [{"age": 39, "education_num": 13, "hours_per_week": 1, "capital_gain": 0, "workclass": "a", "marital_status": "b"}]}""", schema: schema), ServingErrorCodes.NullNotAllowed);
        Assert.Equal("sex", error.Field);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public void Non_finite_tokens_and_strings_are_refused_unless_allowed(string value)
    {
        var body = $$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, {{{value}}}, 0, "a", "b", "c"]]}}""";

        var error = Fails(Json(body), ServingErrorCodes.NonFiniteValue);
        Assert.Contains("column 'hours_per_week' row 0: non-finite value", error.Message, StringComparison.Ordinal);

        var request = Ok(Json(body, new DecodeOptions(AllowNonFinite: true)));
        Assert.False(float.IsFinite(((float[])Input(request, "hours_per_week").Data)[0]));
    }

    [Fact]
    public void A_bare_nan_token_is_no_string_and_no_integer()
    {
        var error = Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[NaN, 13, 40, 0, "a", "b", "c"]]}}""", new DecodeOptions(AllowNonFinite: true)), ServingErrorCodes.DatatypeMismatch);
        Assert.EndsWith("column 'age' row 0: expected long, got NaN", error.Message, StringComparison.Ordinal);

        Fails(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, NaN, "b", "c"]]}}"""), ServingErrorCodes.DatatypeMismatch);
        Assert.Equal("NaN", ((string[])Input(Ok(Json($$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, "NaN", "b", "c"]]}}""")), "workclass").Data)[0]);
    }

    [Fact]
    public void An_empty_batch_reads_as_mlflow_says_it()
    {
        foreach (var body in new[] { """{"dataframe_records": []}""", $$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": []}}""", """{"instances": []}""" })
        {
            var error = Fails(Json(body), ServingErrorCodes.EmptyBatch);
            Assert.EndsWith("Error: Input DataFrame is empty.", error.Message, StringComparison.Ordinal);
        }

        Fails(Csv("age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\n"), ServingErrorCodes.EmptyBatch);
    }

    [Fact]
    public void Rows_over_the_limit_are_a_413()
    {
        var rows = string.Join(",", Enumerable.Repeat("""[39, 13, 40, 0, "a", "b", "c"]""", 11));
        var body = $$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [{{{rows}}}]}}""";

        var error = Fails(Json(body, new DecodeOptions(MaxRows: 10)), ServingErrorCodes.BatchTooLarge, 413);
        Assert.Equal("the request has more than 10 rows, the limit per request (limits.max_rows_per_request); split it into smaller requests", error.Message);
        Assert.Equal(11, Ok(Json(body, new DecodeOptions(MaxRows: 11))).Rows);
    }

    [Fact]
    public void A_csv_over_the_row_limit_is_refused_without_reading_it_all()
    {
        var header = "age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\n";
        // A million short lines, the last one broken: the parse stops at the limit, before reaching it.
        var csv = header + string.Concat(Enumerable.Repeat("39,13,40,0,a,b,c\n", 1_000_000)) + "\"unclosed";
        Fails(Csv(csv, new DecodeOptions(MaxRows: 10)), ServingErrorCodes.BatchTooLarge, 413);
    }

    [Fact]
    public void Malformed_json_names_the_position()
    {
        var error = Fails(Json("{\"dataframe_records\": [{\"age\" 39}]}"), ServingErrorCodes.MalformedRequest);

        Assert.StartsWith("malformed JSON at line 1, byte ", error.Message, StringComparison.Ordinal);
        Assert.Equal("BAD_REQUEST", error.MlflowCode);
        Fails(Json(""), ServingErrorCodes.MalformedRequest);
        Fails(Json("{\"instances\": [1]} x"), ServingErrorCodes.MalformedRequest);
    }

    [Fact]
    public void Json_deeper_than_the_limit_is_malformed()
    {
        var deep = new string('[', 70) + new string(']', 70);

        var error = Fails(Json($$$"""{"inputs": {{{deep}}}}""", schema: Tensor4), ServingErrorCodes.MalformedRequest);
        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""[{"age": 1}]""", "Received a list.")]
    [InlineData("""{"dataframe_records": [], "instances": []}""", "Received dictionary with input fields: ['dataframe_records', 'instances'].")]
    [InlineData("""{"data": []}""", "Received dictionary with input fields: ['data'].")]
    [InlineData("""{"messages": [{"role": "user", "content": "hi"}]}""", "not supported")]
    [InlineData("""{"prompt": "hi"}""", "not supported")]
    public void The_envelope_needs_exactly_one_data_field(string body, string tail)
    {
        var error = Fails(Json(body), ServingErrorCodes.MalformedRequest);

        Assert.StartsWith("The input must be a JSON dictionary with exactly one of the input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}.", error.Message, StringComparison.Ordinal);
        Assert.Contains(tail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Params_are_typed_per_the_signature_with_defaults_filled()
    {
        var body = $$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, "a", "b", "c"]]}, "params": {"threshold": 1, "ratio": 0.25, "tags": ["x", "y"]}}""";

        var request = Ok(Json(body, schema: AdultWithParams));

        Assert.Equal(1.0, Assert.IsType<double>(request.Params["threshold"]));
        Assert.Equal(3L, Assert.IsType<long>(request.Params["top_k"]));
        Assert.Equal(0.25f, Assert.IsType<float>(request.Params["ratio"]));
        Assert.Equal(new[] { "x", "y" }, Assert.IsType<string[]>(request.Params["tags"]));
        Assert.Same(request.Params, request.Batch.Params);
    }

    [Fact]
    public void Unknown_or_mistyped_params_are_refused()
    {
        var rows = $$$"""{"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, "a", "b", "c"]]}""";

        var unknown = Fails(Json($$$"""{"dataframe_split": {{{rows}}}, "params": {"treshold": 0.4}}""", schema: AdultWithParams), ServingErrorCodes.ParamUnknown);
        Assert.StartsWith("unknown param(s) ['treshold']; did you mean 'threshold'?", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("treshold", unknown.Field);

        var lenient = Ok(Json($$$"""{"dataframe_split": {{{rows}}}, "params": {"treshold": 0.4}}""", DecodeOptions.Default with { LenientParams = true }, AdultWithParams));
        Assert.Equal(0.5, lenient.Params["threshold"]);

        var fraction = Fails(Json($$$"""{"dataframe_split": {{{rows}}}, "params": {"top_k": 2.5}}""", schema: AdultWithParams), ServingErrorCodes.ParamInvalid);
        Assert.Equal("param 'top_k': expected long, got 2.5", fraction.Message);
        Fails(Json($$$"""{"dataframe_split": {{{rows}}}, "params": {"threshold": "high"}}""", schema: AdultWithParams), ServingErrorCodes.ParamInvalid);
        Fails(Json($$$"""{"dataframe_split": {{{rows}}}, "params": {"tags": "x"}}""", schema: AdultWithParams), ServingErrorCodes.ParamInvalid);
    }

    [Fact]
    public void A_csv_row_with_a_bad_value_names_the_row_and_the_column()
    {
        var error = Fails(Csv("age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\n39,13,40,0,a,b,c\n41,13,forty,0,a,b,c\n"), ServingErrorCodes.DatatypeMismatch);

        Assert.EndsWith("Error: column 'hours_per_week' row 1: expected float, got \"forty\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("hours_per_week", error.Field);
    }

    [Fact]
    public void A_csv_row_with_the_wrong_number_of_fields_is_malformed()
    {
        var error = Fails(Csv("age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\n39,13,40,0,a,b\n"), ServingErrorCodes.MalformedRequest);

        Assert.StartsWith("Failed to parse input as a Pandas DataFrame.", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV row 0 has 6 fields, the header has 7", error.Message, StringComparison.Ordinal);
        Fails(Csv("age,sex\n\"39,x\n"), ServingErrorCodes.MalformedRequest);
        Fails(Csv(""), ServingErrorCodes.MalformedRequest);
    }

    [Fact]
    public void Csv_quoting_follows_rfc_4180()
    {
        var request = Ok(Csv("sex,age,education_num,hours_per_week,capital_gain,workclass,marital_status\n\"Ma\"\"le, or not\",39,13,40,0,\"\",\"line\nbreak\"\n"));

        Assert.Equal("Ma\"le, or not", ((string[])Input(request, "sex").Data)[0]);
        Assert.Equal(string.Empty, ((string[])Input(request, "workclass").Data)[0]);
        Assert.Equal("line\nbreak", ((string[])Input(request, "marital_status").Data)[0]);
    }

    [Fact]
    public void An_empty_csv_field_is_a_missing_value()
    {
        var error = Fails(Csv("age,education_num,hours_per_week,capital_gain,workclass,marital_status,sex\n39,13,40,0,,b,c\n"), ServingErrorCodes.NullNotAllowed);
        Assert.Equal("workclass", error.Field);
    }

    [Fact]
    public void A_string_over_the_byte_limit_is_refused()
    {
        var body = $$$"""{"dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, "{{{new string('é', 20)}}}", "b", "c"]]}}""";

        var error = Fails(Json(body, new DecodeOptions(MaxStringBytes: 39)), ServingErrorCodes.StringTooLong);
        Assert.EndsWith("column 'workclass' row 0: string of 40 bytes exceeds the limit of 39 bytes", error.Message, StringComparison.Ordinal);
        Ok(Json(body, new DecodeOptions(MaxStringBytes: 40)));
    }

    [Fact]
    public void A_tensor_model_takes_inputs_as_rows_and_checks_their_shape()
    {
        var request = Ok(Json("""{"inputs": [[1, 2, 3, 4], [5, 6, 7, 8.5]]}""", schema: Tensor4));
        var x = Input(request, "x");
        Assert.Equal(new long[] { 2, 4 }, x.Shape);
        Assert.Equal(new[] { 1f, 2, 3, 4, 5, 6, 7, 8.5f }, (float[])x.Data);

        var error = Fails(Json("""{"inputs": [[1, 2, 3]]}""", schema: Tensor4), ServingErrorCodes.ShapeMismatch);
        Assert.EndsWith("Error: input 'x': shape [1,3] does not match [-1,4]", error.Message, StringComparison.Ordinal);

        Assert.Equal(new long[] { 1, 4 }, Input(Ok(Json("""{"inputs": {"x": [[1, 2, 3, 4]]}}""", schema: Tensor4)), "x").Shape);
    }

    [Fact]
    public void The_sticky_key_comes_from_a_top_level_field_or_the_first_rows_column()
    {
        var options = new DecodeOptions(StickyJsonField: "customer_id");

        var top = Ok(Json($$$"""{"customer_id": "c-42", "dataframe_split": {"columns": [{{{AdultColumns}}}], "data": [[39, 13, 40, 0, "a", "b", "c"]]}}""", options));
        Assert.Equal("c-42", top.StickyKey);

        var column = Ok(Json("""{"dataframe_records": [{"customer_id": 17, "age": 39, "education_num": 13, "hours_per_week": 40, "capital_gain": 0, "workclass": "a", "marital_status": "b", "sex": "c"}]}""", options));
        Assert.Equal("17", column.StickyKey);
        Assert.Equal(["customer_id"], column.IgnoredInputs);

        Assert.Null(Ok(Json(AdultSplit, options)).StickyKey);
    }

    [Fact]
    public void An_integer_column_parses_the_same_from_csv_and_json_issue_5525()
    {
        var schema = new ModelSchema([Column("n", TensorType.Int32), Column("f", TensorType.Fp32)], Adult.Outputs, []);

        var json = Ok(MlflowRequestReader.ReadJson(Utf8("""{"dataframe_split": {"columns": ["n", "f"], "data": [[7, 0.1], [-3, 1e-3]]}}"""), schema, DecodeOptions.Default));
        var csv = Ok(MlflowRequestReader.ReadCsv(Utf8("n,f\n7,0.1\n-3,1e-3"), schema, DecodeOptions.Default));

        Assert.Equal(new[] { 7, -3 }, Assert.IsType<int[]>(Input(csv, "n").Data));
        Assert.Equal((int[])Input(json, "n").Data, (int[])Input(csv, "n").Data);
        Assert.Equal((float[])Input(json, "f").Data, (float[])Input(csv, "f").Data);
    }
}
