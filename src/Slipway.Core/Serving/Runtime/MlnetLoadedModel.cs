using Microsoft.ML;
using Microsoft.ML.Data;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// A loaded ML.NET model. Pipelines that map row to row (every prediction pipeline ML.NET trainers produce) are bound
/// once to the input schema (<see cref="IRowToRowMapper"/>, as PredictionEngine does), and each run maps a cursor over a
/// <see cref="TensorDataView"/> of the batch through it; building the transform chain per call would cost more than the
/// model. Other pipelines go through <see cref="ITransformer.Transform"/>. Outputs are read back with typed getters.
/// </summary>
internal sealed class MlnetLoadedModel : ILoadedModel
{
    private readonly ITransformer transformer;
    private readonly IRowToRowMapper? mapper;
    private readonly DataViewSchema inputSchema;
    private readonly FieldSpec[] columns;

    /// <param name="columns">Every column of <paramref name="inputSchema"/> as a field, by column index (hidden ones too: they are fed zeros).</param>
    public MlnetLoadedModel(ITransformer transformer, DataViewSchema inputSchema, FieldSpec[] columns, ModelSchema schema)
    {
        this.transformer = transformer;
        this.inputSchema = inputSchema;
        this.columns = columns;
        Schema = schema;
        mapper = transformer.IsRowToRowMapper ? transformer.GetRowToRowMapper(inputSchema) : null;
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

        var view = new TensorDataView(inputSchema, batch.Rows, data);
        if (mapper is not null)
        {
            using var input = view.GetRowCursor(inputSchema);
            using var row = mapper.GetRow(input, OutputColumns(mapper.OutputSchema));
            return Read(input, row, OutputColumns(mapper.OutputSchema), batch.Rows, cancellationToken);
        }

        var scored = transformer.Transform(view);
        var outputColumns = OutputColumns(scored.Schema);
        using var cursor = scored.GetRowCursor(outputColumns);
        return Read(cursor, cursor, outputColumns, batch.Rows, cancellationToken);
    }

    public void Dispose() => (transformer as IDisposable)?.Dispose();

    private DataViewSchema.Column[] OutputColumns(DataViewSchema scored)
    {
        var outputColumns = new DataViewSchema.Column[Schema.Outputs.Count];
        for (var i = 0; i < outputColumns.Length; i++)
        {
            outputColumns[i] = scored.GetColumnOrNull(Schema.Outputs[i].Name)
                ?? throw new InvalidOperationException($"The model produced no column '{Schema.Outputs[i].Name}'.");
        }

        return outputColumns;
    }

    /// <summary>Moves <paramref name="cursor"/> through the batch, reading the outputs from <paramref name="row"/> (the cursor itself, or the mapped row over it).</summary>
    private Tensor[] Read(DataViewRowCursor cursor, DataViewRow row, DataViewSchema.Column[] outputColumns, int rows, CancellationToken cancellationToken)
    {
        var readers = new MlnetColumnReader[outputColumns.Length];
        for (var i = 0; i < readers.Length; i++)
        {
            readers[i] = MlnetColumnReader.Create(row, outputColumns[i], Schema.Outputs[i], rows);
        }

        var count = 0;
        while (cursor.MoveNext())
        {
            if ((count & 1023) == 1023)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (count == rows)
            {
                throw new InvalidOperationException($"The model produced more rows than the batch's {rows}.");
            }

            foreach (var reader in readers)
            {
                reader.Read(count);
            }

            count++;
        }

        if (count != rows)
        {
            throw new InvalidOperationException($"The model produced {count} rows for a batch of {rows}.");
        }

        return readers.Select(r => r.ToTensor()).ToArray();
    }
}
