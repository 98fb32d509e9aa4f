namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Queues the hot write transactions of this process in memory where the database takes one writer at a time
/// (SQLite). Without it, concurrent writers meet SQLite's busy handler, which backs off with sleeps of up to
/// 100 ms; with it, they wait on a semaphore and hand over at once. On PostgreSQL the gate is open.
/// </summary>
public sealed class WriteGate(bool serializeWrites)
{
    private readonly SemaphoreSlim? gate = serializeWrites ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (gate is not null)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return new Releaser(gate);
    }

    public readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
