namespace Slipway.Core.Serving.Runtime;

/// <summary>Picks a batch's tensor for each schema input, standing in for absent optional ones, and checks types and rows.</summary>
internal static class BatchInputs
{
    public static Tensor For(InferenceBatch batch, FieldSpec field)
    {
        Tensor? found = null;
        foreach (var input in batch.Inputs)
        {
            if (string.Equals(input.Name, field.Name, StringComparison.Ordinal))
            {
                found = input;
                break;
            }
        }

        if (found is null)
        {
            return field.Required
                ? throw new ArgumentException($"The batch has no input '{field.Name}'.", nameof(batch))
                : FilledTensors.Missing(field, batch.Rows);
        }

        if (found.Type != field.Type)
        {
            throw new ArgumentException($"The batch's input '{field.Name}' is {found.Type.OipName()}; the model takes {field.Type.OipName()}.", nameof(batch));
        }

        if (found.Rows != batch.Rows)
        {
            throw new ArgumentException($"The batch's input '{field.Name}' has {found.Rows} rows; the batch has {batch.Rows}.", nameof(batch));
        }

        return found;
    }
}
