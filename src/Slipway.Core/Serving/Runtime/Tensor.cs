namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// A named tensor: element type, full shape (dim 0 is the batch for batchable models) and the elements row-major in
/// <see cref="Data"/>, an array of the CLR type <see cref="TensorTypes.NewArray"/> gives for <see cref="Type"/>, whose
/// length is exactly the product of <see cref="Shape"/>. Tensors are immutable by convention once handed on.
/// </summary>
public sealed class Tensor
{
    public Tensor(string name, TensorType type, long[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        var count = ElementCount(shape);
        if (data.Length != count)
        {
            throw new ArgumentException($"Tensor '{name}' has {data.Length} elements for shape [{string.Join(',', shape)}] ({count}).", nameof(data));
        }

        Name = name;
        Type = type;
        Shape = shape;
        Data = data;
    }

    public string Name { get; }

    public TensorType Type { get; }

    public long[] Shape { get; }

    public Array Data { get; }

    /// <summary>Dim 0, or 1 for a scalar.</summary>
    public int Rows => Shape.Length == 0 ? 1 : checked((int)Shape[0]);

    /// <summary>Elements per row: the product of the dims after the first.</summary>
    public int ElementsPerRow => Shape.Length <= 1 ? 1 : checked((int)ElementCount(Shape.AsSpan(1)));

    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            count = checked(count * dimension);
        }

        return count;
    }

    /// <summary>Rows <paramref name="start"/>..start+count as a new tensor (a copy).</summary>
    public Tensor SliceRows(int start, int count)
    {
        var perRow = ElementsPerRow;
        var data = Type.NewArray(count * perRow);
        Array.Copy(Data, (long)start * perRow, data, 0, (long)count * perRow);
        var shape = (long[])Shape.Clone();
        shape[0] = count;
        return new Tensor(Name, Type, shape, data);
    }

    /// <summary>The tensors concatenated along dim 0; all must share name, type and non-batch dims.</summary>
    public static Tensor ConcatRows(IReadOnlyList<Tensor> parts)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        var rows = 0;
        foreach (var part in parts)
        {
            rows = checked(rows + part.Rows);
        }

        var data = first.Type.NewArray(checked(rows * first.ElementsPerRow));
        long offset = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Data, 0, data, offset, part.Data.Length);
            offset += part.Data.Length;
        }

        var shape = (long[])first.Shape.Clone();
        shape[0] = rows;
        return new Tensor(first.Name, first.Type, shape, data);
    }
}
