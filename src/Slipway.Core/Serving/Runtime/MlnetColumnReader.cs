using Microsoft.ML;
using Microsoft.ML.Data;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// Reads one output column of a scored ML.NET row, row by row, into the array of a new tensor: scalars through
/// a typed <see cref="ValueGetter{TValue}"/>, vectors (dense or sparse) through <see cref="VBuffer{T}"/>, text as strings.
/// </summary>
internal abstract class MlnetColumnReader
{
    public abstract void Read(int row);

    public abstract Tensor ToTensor();

    public static MlnetColumnReader Create(DataViewRow row, DataViewSchema.Column column, FieldSpec field, int rows)
    {
        var vector = column.Type is VectorDataViewType;
        return field.Type switch
        {
            TensorType.Bytes => vector
                ? new VectorReader<ReadOnlyMemory<char>, string>(row, column, field, rows, m => m.ToString())
                : new ScalarReader<ReadOnlyMemory<char>, string>(row, column, field, rows, m => m.ToString()),
            TensorType.Bool => Of<bool>(row, column, field, rows, vector),
            TensorType.UInt8 => Of<byte>(row, column, field, rows, vector),
            TensorType.UInt16 => Of<ushort>(row, column, field, rows, vector),
            TensorType.UInt32 => Of<uint>(row, column, field, rows, vector),
            TensorType.UInt64 => Of<ulong>(row, column, field, rows, vector),
            TensorType.Int8 => Of<sbyte>(row, column, field, rows, vector),
            TensorType.Int16 => Of<short>(row, column, field, rows, vector),
            TensorType.Int32 => Of<int>(row, column, field, rows, vector),
            TensorType.Int64 => Of<long>(row, column, field, rows, vector),
            TensorType.Fp32 => Of<float>(row, column, field, rows, vector),
            TensorType.Fp64 => Of<double>(row, column, field, rows, vector),
            _ => throw new InvalidOperationException($"Output '{field.Name}' has type {field.Type.OipName()}, which ML.NET does not produce."),
        };
    }

    private static MlnetColumnReader Of<T>(DataViewRow row, DataViewSchema.Column column, FieldSpec field, int rows, bool vector) =>
        vector ? new VectorReader<T, T>(row, column, field, rows, v => v) : new ScalarReader<T, T>(row, column, field, rows, v => v);

    private sealed class ScalarReader<TValue, TElement>(DataViewRow row, DataViewSchema.Column column, FieldSpec field, int rows, Func<TValue, TElement> convert)
        : MlnetColumnReader
    {
        private readonly ValueGetter<TValue> getter = row.GetGetter<TValue>(column);
        private readonly TElement[] data = new TElement[rows];
        private TValue value = default!;

        public override void Read(int row)
        {
            getter(ref value);
            data[row] = convert(value);
        }

        public override Tensor ToTensor() => new(field.Name, field.Type, field.Shape.Count == 2 ? [rows, 1] : [rows], data);
    }

    private sealed class VectorReader<TValue, TElement>(DataViewRow row, DataViewSchema.Column column, FieldSpec field, int rows, Func<TValue, TElement> convert)
        : MlnetColumnReader
    {
        private readonly ValueGetter<VBuffer<TValue>> getter = row.GetGetter<VBuffer<TValue>>(column);
        private TElement[]? data;
        private int width = -1;
        private VBuffer<TValue> value;

        public override void Read(int row)
        {
            getter(ref value);
            if (width < 0)
            {
                width = value.Length;
                data = new TElement[checked(rows * width)];
            }
            else if (value.Length != width)
            {
                throw new InvalidOperationException($"Output '{field.Name}' has {value.Length} elements in row {row} and {width} in row 0.");
            }

            var offset = row * width;
            foreach (var element in value.DenseValues())
            {
                data![offset++] = convert(element);
            }
        }

        public override Tensor ToTensor() => new(field.Name, field.Type, [rows, Math.Max(width, 0)], data ?? []);
    }
}
