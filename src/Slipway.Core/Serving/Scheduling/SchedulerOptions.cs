namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// Batching and queueing of one loaded version (serving spec §4.1, §6.2). <see cref="MaxBatchSize"/> rows per engine
/// run (64); <see cref="MaxQueueDelayMs"/> to wait for a fuller batch (0: dispatch when idle); <see cref="Executors"/>
/// parallel runs (processor count); <see cref="MaxQueue"/> queued requests (512); <see cref="BatchingEnabled"/>
/// (true; a model whose schema is not batchable never merges); per-tier <c>max_wait</c>, the projected queue wait
/// above which arrivals are shed (critical never, standard 500 ms, sheddable 100 ms; null never); <see cref="AgingMs"/>,
/// the wait after which a queued request is promoted one tier (200 ms, and again after each further period).
/// </summary>
public sealed record SchedulerOptions
{
    public int MaxBatchSize { get; init; } = 64;

    public int MaxQueueDelayMs { get; init; }

    public int Executors { get; init; } = Environment.ProcessorCount;

    public int MaxQueue { get; init; } = 512;

    public bool BatchingEnabled { get; init; } = true;

    public int? CriticalMaxWaitMs { get; init; }

    public int? StandardMaxWaitMs { get; init; } = 500;

    public int? SheddableMaxWaitMs { get; init; } = 100;

    public int AgingMs { get; init; } = 200;

    /// <summary>The projected wait above which an arrival of <paramref name="tier"/> is shed; null never.</summary>
    public TimeSpan? MaxWait(Tier tier) => (tier switch
    {
        Tier.Critical => CriticalMaxWaitMs,
        Tier.Standard => StandardMaxWaitMs,
        _ => SheddableMaxWaitMs,
    }) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;
}
