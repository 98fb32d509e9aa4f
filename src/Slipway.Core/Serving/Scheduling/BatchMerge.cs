using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// Merging requests into one engine run and splitting its outputs back (serving spec §4.3): only requests with the
/// same inputs, element types, non-batch dims and params merge; rows are concatenated along dim 0 in member order and
/// each member's outputs are the rows at its offset.
/// </summary>
internal static class BatchMerge
{
    public static bool CanMerge(InferenceBatch a, InferenceBatch b)
    {
        if (a.Inputs.Count != b.Inputs.Count || !SameParams(a.Params, b.Params))
        {
            return false;
        }

        foreach (var input in a.Inputs)
        {
            var other = Find(b.Inputs, input.Name);
            if (other is null || other.Type != input.Type || input.Shape.Length == 0 || other.Shape.Length != input.Shape.Length
                || !input.Shape.AsSpan(1).SequenceEqual(other.Shape.AsSpan(1)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The members' inputs concatenated along dim 0, in member order, with the first member's params.</summary>
    public static InferenceBatch Merge(IReadOnlyList<PendingWork> members, int rows)
    {
        if (members.Count == 1)
        {
            return members[0].Item.Input;
        }

        var first = members[0].Item.Input;
        var inputs = new Tensor[first.Inputs.Count];
        var parts = new Tensor[members.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var name = first.Inputs[i].Name;
            for (var m = 0; m < members.Count; m++)
            {
                parts[m] = Find(members[m].Item.Input.Inputs, name)!;
            }

            inputs[i] = Tensor.ConcatRows(parts);
        }

        return new InferenceBatch(rows, inputs) { Params = first.Params };
    }

    /// <summary>Rows <paramref name="start"/>..start+count of every input, for one chunk of a large request.</summary>
    public static InferenceBatch Chunk(InferenceBatch input, int start, int count) =>
        new(count, input.Inputs.Select(t => t.SliceRows(start, count)).ToArray()) { Params = input.Params };

    /// <summary>Fails (so that members are retried alone) when an output does not have one row per merged row.</summary>
    public static void CheckRows(IReadOnlyList<Tensor> outputs, int rows)
    {
        foreach (var output in outputs)
        {
            if (output.Shape.Length == 0 || output.Rows != rows)
            {
                throw new InvalidOperationException($"Output '{output.Name}' has {output.Rows} rows for a batch of {rows}.");
            }
        }
    }

    public static IReadOnlyList<Tensor> Slice(IReadOnlyList<Tensor> outputs, int start, int count)
    {
        var sliced = new Tensor[outputs.Count];
        for (var i = 0; i < sliced.Length; i++)
        {
            sliced[i] = outputs[i].SliceRows(start, count);
        }

        return sliced;
    }

    /// <summary>Chunk outputs put back in order, output by output.</summary>
    public static IReadOnlyList<Tensor> Reassemble(List<IReadOnlyList<Tensor>> chunks)
    {
        var outputs = new Tensor[chunks[0].Count];
        for (var i = 0; i < outputs.Length; i++)
        {
            var index = i;
            outputs[i] = Tensor.ConcatRows(chunks.Select(chunk => chunk[index]).ToArray());
        }

        return outputs;
    }

    private static Tensor? Find(IReadOnlyList<Tensor> tensors, string name)
    {
        foreach (var tensor in tensors)
        {
            if (string.Equals(tensor.Name, name, StringComparison.Ordinal))
            {
                return tensor;
            }
        }

        return null;
    }

    private static bool SameParams(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b)
    {
        if (ReferenceEquals(a, b) || (a.Count == 0 && b.Count == 0))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !Equals(value, other))
            {
                return false;
            }
        }

        return true;
    }
}
