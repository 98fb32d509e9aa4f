using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Where one named input's values sit in a request, whatever the protocol's layout (serving spec §1.2–1.4). The
/// <see cref="SignatureBinder"/> asks each source in stage order: its datatype, its shape and row count, then its
/// values. Failures throw <see cref="RequestRejected"/>.
/// </summary>
internal abstract class InputSource(string name)
{
    public string Name { get; } = name;

    /// <summary>Rows as the request gives them (dim 0).</summary>
    public abstract int Rows { get; }

    /// <summary>Stage 4, before row counts are compared: a declared datatype or shape that contradicts the signature.</summary>
    public virtual void CheckDeclared(FieldSpec spec)
    {
    }

    /// <summary>Stage 4: the full shape of the tensor this source gives for <paramref name="spec"/>, dim 0 = <paramref name="rows"/>.</summary>
    public abstract long[] CheckShape(FieldSpec spec, int rows);

    /// <summary>Stage 5: every value, written row-major into <paramref name="writer"/>.</summary>
    public abstract void Fill(ValueWriter writer, FieldSpec spec, long[] shape);

    /// <summary>The first row's (first) value as text, for the sticky key; null when there is none or it is not a string or number.</summary>
    public abstract string? FirstValueText();

    /// <summary>The tensor shape for rows and row dims, keeping a column at its signature's rank.</summary>
    protected static long[] TensorShape(FieldSpec spec, int rows, ReadOnlySpan<long> rowDims)
    {
        if (spec.IsColumn)
        {
            return spec.Shape.Count <= 1 ? [rows] : [rows, 1];
        }

        if (spec.FixedElementsPerRow is not null)
        {
            return [rows, .. spec.RowShape];
        }

        var shape = new long[rowDims.Length + 1];
        shape[0] = rows;
        rowDims.CopyTo(shape.AsSpan(1));
        return shape;
    }

    protected static RequestRejected ShapeMismatch(FieldSpec spec, IEnumerable<long> actual) => new(ServingError.Invalid(
        ServingErrorCodes.ShapeMismatch,
        $"{FieldText.Label(spec)}: shape {FieldText.Shape(actual)} does not match {FieldText.Shape(spec.Shape)}",
        spec.Name));

    /// <summary>Row dims that fit the signature's row shape (rank and fixed dims), variable dims free.</summary>
    protected static bool RowDimsFit(FieldSpec spec, ReadOnlySpan<long> rowDims) => RowDimsFit(spec, spec.RowShape, spec.FixedElementsPerRow, rowDims);

    /// <summary>As above, with the spec's row shape and fixed elements per row worked out once for many rows.</summary>
    protected static bool RowDimsFit(FieldSpec spec, IReadOnlyList<long> expected, int? fixedPerRow, ReadOnlySpan<long> rowDims)
    {
        if (spec.IsColumn)
        {
            // One value per row: a bare value or a one-element list, whatever the column's rank.
            return rowDims.Length == 0 || (rowDims.Length == 1 && rowDims[0] == 1);
        }

        if (rowDims.Length == 0 && fixedPerRow == 1)
        {
            return true;
        }

        if (rowDims.Length != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < rowDims.Length; i++)
        {
            if (expected[i] >= 0 && expected[i] != rowDims[i])
            {
                return false;
            }
        }

        return true;
    }
}
