using System.Collections.Concurrent;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Tests.Serving.Scheduling;

/// <summary>
/// A model of one FP64 column <c>x</c> answering <c>y = 2x</c> per row. It records every run's values, can hold runs
/// at a gate, throws for a batch holding <see cref="Poison"/>, and can run an action inside each run (to move a fake clock).
/// </summary>
internal sealed class FakeModel(bool batchable = true) : ILoadedModel
{
    public const double Poison = -1;

    private readonly ManualResetEventSlim gate = new(initialState: true);

    public ConcurrentQueue<double[]> Runs { get; } = new();

    public SemaphoreSlim Entered { get; } = new(0);

    public Action<InferenceBatch>? DuringRun { get; set; }

    public ModelSchema Schema { get; } = new(
        [new FieldSpec("x", TensorType.Fp64, [batchable ? -1 : 1], IsColumn: true)],
        [new FieldSpec("y", TensorType.Fp64, [batchable ? -1 : 1], IsColumn: true)],
        []);

    public string Platform => "fake";

    public IEnumerable<int> BatchSizes => Runs.Select(run => run.Length);

    public IEnumerable<double> Values => Runs.SelectMany(run => run);

    public void Hold() => gate.Reset();

    public void Release() => gate.Set();

    public IReadOnlyList<Tensor> Run(InferenceBatch batch, CancellationToken cancellationToken)
    {
        var x = (double[])batch.Inputs.Single(t => t.Name == "x").Data;
        Entered.Release();
        gate.Wait(cancellationToken);
        Runs.Enqueue((double[])x.Clone());
        DuringRun?.Invoke(batch);
        if (x.Contains(Poison))
        {
            throw new InvalidOperationException("secret internal detail: poisoned row");
        }

        return [new Tensor("y", TensorType.Fp64, [x.Length], x.Select(v => v * 2).ToArray())];
    }

    public void Dispose() => gate.Dispose();

    public static InferenceBatch Input(params double[] values) =>
        new(values.Length, [new Tensor("x", TensorType.Fp64, [values.Length], values)]);
}
