namespace Slipway.Core.Serving.Runtime;

/// <summary>Tensors of one value repeated, for inputs a batch leaves out and for synthetic warm-up rows.</summary>
internal static class FilledTensors
{
    /// <summary>
    /// The shape of <paramref name="rows"/> rows of <paramref name="field"/>: dim 0 = rows, the fixed dims as declared and
    /// each other variable dim 1.
    /// </summary>
    public static long[] Shape(FieldSpec field, int rows)
    {
        if (field.Shape.Count == 0)
        {
            return [];
        }

        var shape = new long[field.Shape.Count];
        shape[0] = rows;
        for (var i = 1; i < shape.Length; i++)
        {
            shape[i] = field.Shape[i] < 0 ? 1 : field.Shape[i];
        }

        return shape;
    }

    /// <summary>Zeros, <c>false</c> or empty strings.</summary>
    public static Tensor Zeros(FieldSpec field, int rows)
    {
        var shape = Shape(field, rows);
        var data = field.Type.NewArray(checked((int)Tensor.ElementCount(shape)));
        if (data is string[] strings)
        {
            Array.Fill(strings, "");
        }

        return new Tensor(field.Name, field.Type, shape, data);
    }

    /// <summary>What an absent optional input stands for: NaN for floating types (the sklearn-ONNX missing-value convention), else zeros.</summary>
    public static Tensor Missing(FieldSpec field, int rows)
    {
        var tensor = Zeros(field, rows);
        switch (tensor.Data)
        {
            case float[] floats:
                Array.Fill(floats, float.NaN);
                break;
            case double[] doubles:
                Array.Fill(doubles, double.NaN);
                break;
            case Half[] halves:
                Array.Fill(halves, Half.NaN);
                break;
        }

        return tensor;
    }
}
