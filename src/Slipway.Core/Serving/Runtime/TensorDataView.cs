using Microsoft.ML;
using Microsoft.ML.Data;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// A read-only, columnar <see cref="IDataView"/> over one tensor per column of a model's input schema: scalar columns
/// read one element per row, vector columns (<see cref="VBuffer{T}"/>) read a row's elements, text columns hand out
/// <see cref="ReadOnlyMemory{T}"/> over the strings without copying them.
/// </summary>
internal sealed class TensorDataView(DataViewSchema schema, int rows, IReadOnlyList<Tensor> columns) : IDataView
{
    private readonly int rows = rows;
    private readonly IReadOnlyList<Tensor> columns = columns;

    public bool CanShuffle => false;

    public DataViewSchema Schema => schema;

    public long? GetRowCount() => rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(TensorDataView view) : DataViewRowCursor
    {
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (position + 1 >= view.rows)
            {
                position = view.rows;
                return false;
            }

            position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var tensor = view.columns[column.Index];
            // Switch on the declared type: the CLR lets long[] pass as ulong[], so array patterns would pick the wrong one.
            Delegate getter = column.Type is VectorDataViewType
                ? tensor.Type switch
                {
                    TensorType.Bytes => TextVector((string[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Bool => Vector((bool[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.UInt8 => Vector((byte[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.UInt16 => Vector((ushort[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.UInt32 => Vector((uint[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.UInt64 => Vector((ulong[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Int8 => Vector((sbyte[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Int16 => Vector((short[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Int32 => Vector((int[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Int64 => Vector((long[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Fp32 => Vector((float[])tensor.Data, tensor.ElementsPerRow),
                    TensorType.Fp64 => Vector((double[])tensor.Data, tensor.ElementsPerRow),
                    _ => throw Unsupported(column, tensor),
                }
                : tensor.Type switch
                {
                    TensorType.Bytes => Text((string[])tensor.Data),
                    TensorType.Bool => Scalar((bool[])tensor.Data),
                    TensorType.UInt8 => Scalar((byte[])tensor.Data),
                    TensorType.UInt16 => Scalar((ushort[])tensor.Data),
                    TensorType.UInt32 => Scalar((uint[])tensor.Data),
                    TensorType.UInt64 => Scalar((ulong[])tensor.Data),
                    TensorType.Int8 => Scalar((sbyte[])tensor.Data),
                    TensorType.Int16 => Scalar((short[])tensor.Data),
                    TensorType.Int32 => Scalar((int[])tensor.Data),
                    TensorType.Int64 => Scalar((long[])tensor.Data),
                    TensorType.Fp32 => Scalar((float[])tensor.Data),
                    TensorType.Fp64 => Scalar((double[])tensor.Data),
                    _ => throw Unsupported(column, tensor),
                };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' of type {column.Type} was asked for as {typeof(TValue).Name}.");
        }

        private ValueGetter<T> Scalar<T>(T[] data) => (ref T value) => value = data[position];

        private ValueGetter<ReadOnlyMemory<char>> Text(string[] data) => (ref ReadOnlyMemory<char> value) => value = data[position].AsMemory();

        private ValueGetter<VBuffer<T>> Vector<T>(T[] data, int length) => (ref VBuffer<T> value) =>
        {
            var editor = VBufferEditor.Create(ref value, length);
            data.AsSpan(checked((int)position * length), length).CopyTo(editor.Values);
            value = editor.Commit();
        };

        private ValueGetter<VBuffer<ReadOnlyMemory<char>>> TextVector(string[] data, int length) => (ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            var editor = VBufferEditor.Create(ref value, length);
            var start = checked((int)position * length);
            for (var i = 0; i < length; i++)
            {
                editor.Values[i] = data[start + i].AsMemory();
            }

            value = editor.Commit();
        };

        private static InvalidOperationException Unsupported(DataViewSchema.Column column, Tensor tensor) =>
            new($"Column '{column.Name}' of type {column.Type} cannot be fed from a {tensor.Type.OipName()} tensor.");
    }
}
