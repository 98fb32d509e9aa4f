namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// Wakes this process's delivery worker once a transaction that queued deliveries has committed, so events go out
/// at once rather than at the next poll. Wakes coalesce: many commits during one pass cause one more pass.
/// </summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the worker will look once more anyway.
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);
}
