using Microsoft.ML;
using Microsoft.ML.Data;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// A loaded ML.NET model: the shared, thread-safe <see cref="ITransformer"/> applied to a <see cref="TensorDataView"/>
/// over each batch, its outputs read back with typed cursors into new tensors.
/// </summary>
internal sealed class MlnetLoadedModel : ILoadedModel
{
    private readonly ITransformer transformer;
    private readonly DataViewSchema inputSchema;
    private readonly FieldSpec[] columns;

    /// <param name="columns">Every column of <paramref name="inputSchema"/> as a field, by column index (hidden ones too: they are fed zeros).</param>
    public MlnetLoadedModel(ITransformer transformer, DataViewSchema inputSchema, FieldSpec[] columns, ModelSchema schema)
    {
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        this.columns = columns;
        Schema = schema;
    }

    public ModelSchema Schema { get; }

    public string Platform => "mlnet_zip";

    public IReadOnlyList<Tensor> Run(InferenceBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        var data = new Tensor[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = inputSchema[i];
            var field = column.IsHidden ? null : Schema.Input(column.Name);
            data[i] = field is null ? FilledTensors.Zeros(columns[i], batch.Rows) : BatchInputs.For(batch, field);
        }

        var scored = transformer.Transform(new TensorDataView(inputSchema, batch.Rows, data));
        var outputColumns = new DataViewSchema.Column[Schema.Outputs.Count];
        for (var i = 0; i < outputColumns.Length; i++)
        {
            outputColumns[i] = scored.Schema.GetColumnOrNull(Schema.Outputs[i].Name)
                ?? throw new InvalidOperationException($"The model produced no column '{Schema.Outputs[i].Name}'.");
        }

        using var cursor = scored.GetRowCursor(outputColumns);
        var readers = new MlnetColumnReader[outputColumns.Length];
        for (var i = 0; i < readers.Length; i++)
        {
            readers[i] = MlnetColumnReader.Create(cursor, outputColumns[i], Schema.Outputs[i], batch.Rows);
        }

        var row = 0;
        while (cursor.MoveNext())
        {
            if ((row & 1023) == 1023)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (row == batch.Rows)
            {
                throw new InvalidOperationException($"The model produced more rows than the batch's {batch.Rows}.");
            }

            foreach (var reader in readers)
            {
                reader.Read(row);
            }

            row++;
        }

        if (row != batch.Rows)
        {
            throw new InvalidOperationException($"The model produced {row} rows for a batch of {batch.Rows}.");
        }

        return readers.Select(r => r.ToTensor()).ToArray();
    }

    public void Dispose() => (transformer as IDisposable)?.Dispose();
}
