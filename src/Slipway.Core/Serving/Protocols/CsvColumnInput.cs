using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>One column of a CSV body: a single value per row, parsed by the column's type like JSON values.</summary>
internal sealed class CsvColumnInput(string name, CsvTable table, int column) : InputSource(name)
{
    public override int Rows => table.Rows.Count;

    public override long[] CheckShape(FieldSpec spec, int rows)
    {
        if (spec.FixedElementsPerRow != 1)
        {
            // CSV holds one value per cell: a multi-element tensor has no CSV form.
            throw ShapeMismatch(spec, [rows, 1]);
        }

        return TensorShape(spec, rows, []);
    }

    public override void Fill(ValueWriter writer, FieldSpec spec, long[] shape)
    {
        for (var row = 0; row < table.Rows.Count; row++)
        {
            writer.Text(row, row, table.Rows[row][column]);
        }
    }

    public override string? FirstValueText() => table.Rows.Count > 0 ? table.Rows[0][column] : null;
}
