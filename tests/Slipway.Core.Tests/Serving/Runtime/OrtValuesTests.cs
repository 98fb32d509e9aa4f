using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Tests.Serving.Runtime;

public sealed class OrtValuesTests
{
    public static TheoryData<TensorType, Array> EveryType => new()
    {
        { TensorType.Bool, new[] { true, false, true, true } },
        { TensorType.UInt8, new byte[] { 0, 1, 254, 255 } },
        { TensorType.UInt16, new ushort[] { 0, 1, 65534, 65535 } },
        { TensorType.UInt32, new uint[] { 0, 1, uint.MaxValue - 1, uint.MaxValue } },
        { TensorType.UInt64, new ulong[] { 0, 1, ulong.MaxValue - 1, ulong.MaxValue } },
        { TensorType.Int8, new sbyte[] { sbyte.MinValue, -1, 0, sbyte.MaxValue } },
        { TensorType.Int16, new short[] { short.MinValue, -1, 0, short.MaxValue } },
        { TensorType.Int32, new[] { int.MinValue, -1, 0, int.MaxValue } },
        { TensorType.Int64, new[] { long.MinValue, -1L, 0L, long.MaxValue } },
        { TensorType.Fp16, new[] { (Half)0.5f, Half.NaN, Half.MaxValue, (Half)(-2.25f) } },
        { TensorType.Fp32, new[] { 0.1f, float.NaN, float.NegativeInfinity, -3.5f } },
        { TensorType.Fp64, new[] { 0.1, double.NaN, double.MaxValue, -3.5 } },
        { TensorType.Bytes, new[] { "", "état", "two words", "Never-married" } },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_serving_type_goes_into_onnx_runtime_and_comes_back_unchanged(TensorType type, Array data)
    {
        var tensor = new Tensor("x", type, [2, 2], data);

        using var value = OrtValues.From(tensor, [2, 2]);
        var back = OrtValues.ToTensor("y", value);

        Assert.Equal("y", back.Name);
        Assert.Equal(type, back.Type);
        Assert.Equal([2L, 2L], back.Shape);
        Assert.Equal(data.GetType(), back.Data.GetType());
        Assert.Equal(data.Cast<object>(), back.Data.Cast<object>());
    }
}
