using System.Text;
using System.Text.Json.Nodes;
using Slipway.Core.Serving;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Tests.Serving.Protocols;

/// <summary>Schemas built by hand: the adult-census column signature, and a single-tensor model <c>x</c> FP32 [-1,4].</summary>
internal static class ProtocolSchemas
{
    public static readonly ModelSchema Adult = new(
        [
            Column("age", TensorType.Int64),
            Column("education_num", TensorType.Fp32),
            Column("hours_per_week", TensorType.Fp32),
            Column("capital_gain", TensorType.Fp64),
            Column("workclass", TensorType.Bytes),
            Column("marital_status", TensorType.Bytes),
            Column("sex", TensorType.Bytes),
        ],
        [
            new FieldSpec("PredictedLabel", TensorType.Bool, [-1, 1]),
            new FieldSpec("Score", TensorType.Fp32, [-1, 1]),
            new FieldSpec("Probability", TensorType.Fp32, [-1, 1]),
        ],
        []);

    public static readonly ModelSchema Tensor4 = new(
        [new FieldSpec("x", TensorType.Fp32, [-1, 4])],
        [new FieldSpec("probabilities", TensorType.Fp32, [-1, 2])],
        []);

    public static ModelSchema AdultWithParams => Adult with
    {
        Params =
        [
            new ParamSpec("threshold", "double", JsonValue.Create(0.5), null),
            new ParamSpec("top_k", "long", JsonValue.Create(3), null),
            new ParamSpec("ratio", "float", null, null),
            new ParamSpec("tags", "string", null, [-1]),
        ],
    };

    public static FieldSpec Column(string name, TensorType type, bool required = true) => new(name, type, [-1, 1], required, IsColumn: true);

    public const string AdultColumns = "\"age\",\"education_num\",\"hours_per_week\",\"capital_gain\",\"workclass\",\"marital_status\",\"sex\"";

    /// <summary>Two rows as dataframe_split.</summary>
    public const string AdultSplit = """
        {"dataframe_split": {"columns": ["age","education_num","hours_per_week","capital_gain","workclass","marital_status","sex"],
          "data": [[39, 13, 40.0, 2174.0, "State-gov", "Never-married", "Male"],
                   [50, 13.0, 13.5, 0, "Self-emp-not-inc", "Married-civ-spouse", "Female"]]}}
        """;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static DecodedRequest Ok(DecodeResult result)
    {
        Assert.True(result.Succeeded, result.Error?.Code + ": " + result.Error?.Message);
        return result.Request;
    }

    public static ServingError Fails(DecodeResult result, string code, int status = 400)
    {
        Assert.False(result.Succeeded, "expected " + code);
        Assert.Equal(code, result.Error.Code);
        Assert.Equal(status, result.Error.Status);
        return result.Error;
    }

    public static Tensor Input(DecodedRequest request, string name) => request.Batch.Inputs.Single(t => t.Name == name);

    /// <summary>The two adult rows' tensors, as every protocol must decode them.</summary>
    public static void AssertTwoAdultRows(DecodedRequest request)
    {
        Assert.Equal(2, request.Rows);
        Assert.Equal(2, request.Batch.Rows);
        Assert.Equal(Adult.Inputs.Select(i => i.Name), request.Batch.Inputs.Select(t => t.Name));
        foreach (var tensor in request.Batch.Inputs)
        {
            Assert.Equal(new long[] { 2, 1 }, tensor.Shape);
        }

        Assert.Equal(new long[] { 39, 50 }, (long[])Input(request, "age").Data);
        Assert.Equal(new float[] { 13f, 13f }, (float[])Input(request, "education_num").Data);
        Assert.Equal(new float[] { 40f, 13.5f }, (float[])Input(request, "hours_per_week").Data);
        Assert.Equal(new double[] { 2174d, 0d }, (double[])Input(request, "capital_gain").Data);
        Assert.Equal(new[] { "State-gov", "Self-emp-not-inc" }, (string[])Input(request, "workclass").Data);
        Assert.Equal(new[] { "Never-married", "Married-civ-spouse" }, (string[])Input(request, "marital_status").Data);
        Assert.Equal(new[] { "Male", "Female" }, (string[])Input(request, "sex").Data);
    }
}
