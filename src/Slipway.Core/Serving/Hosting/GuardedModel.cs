using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Hosting;

/// <summary>
/// Wraps a loaded engine so that disposing it never releases native state under a running call: <see cref="Dispose"/>
/// marks it, and the engine is disposed when the last running <see cref="Run"/> returns (at once when none runs).
/// An unload that gave up draining, a warm-up that timed out or a shutdown can therefore never crash the process
/// through a session freed mid-run. Calls after disposal are refused.
/// </summary>
internal sealed class GuardedModel(ILoadedModel inner) : ILoadedModel
{
    private int running;
    private int disposed;
    private int released;

    public ModelSchema Schema => inner.Schema;

    public string Platform => inner.Platform;

    public IReadOnlyList<Tensor> Run(InferenceBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref running);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
            return inner.Run(batch, cancellationToken);
        }
        finally
        {
            if (Interlocked.Decrement(ref running) == 0 && Volatile.Read(ref disposed) == 1)
            {
                Release();
            }
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref disposed, 1);
        if (Volatile.Read(ref running) == 0)
        {
            Release();
        }
    }

    private void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            inner.Dispose();
        }
    }
}
