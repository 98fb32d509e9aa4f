namespace Slipway.Load;

/// <summary>How much work each measurement does. The full run stays within about five minutes on two cores.</summary>
internal sealed record LoadSizes(
    int Starts,
    TimeSpan ThroughputDuration,
    int MaxBatchesPerClient,
    int WarmupBatches,
    int SearchRuns,
    int SearchAllPagesRepeats,
    int SearchFirstPageRepeats,
    int HistoryPoints,
    int HistoryRepeats,
    int RegistryVersions,
    int CatalogSearchRepeats,
    TimeSpan ServingWarmup,
    TimeSpan ServingDuration)
{
    public static LoadSizes FullRun { get; } = new(
        Starts: 3,
        ThroughputDuration: TimeSpan.FromSeconds(5),
        MaxBatchesPerClient: 2000,
        WarmupBatches: 100,
        SearchRuns: 10_000,
        SearchAllPagesRepeats: 5,
        SearchFirstPageRepeats: 20,
        HistoryPoints: 10_000,
        HistoryRepeats: 10,
        RegistryVersions: 10_000,
        CatalogSearchRepeats: 20,
        ServingWarmup: TimeSpan.FromSeconds(2),
        ServingDuration: TimeSpan.FromSeconds(10));

    public static LoadSizes QuickRun { get; } = new(
        Starts: 1,
        ThroughputDuration: TimeSpan.FromSeconds(1),
        MaxBatchesPerClient: 400,
        WarmupBatches: 10,
        SearchRuns: 1_000,
        SearchAllPagesRepeats: 2,
        SearchFirstPageRepeats: 5,
        HistoryPoints: 10_000,
        HistoryRepeats: 3,
        RegistryVersions: 1_000,
        CatalogSearchRepeats: 5,
        ServingWarmup: TimeSpan.FromSeconds(1),
        ServingDuration: TimeSpan.FromSeconds(3));

    /// <summary>Concurrent clients for log-batch; each client logs to its own run.</summary>
    public IReadOnlyList<int> ClientCounts { get; } = [1, 8];

    /// <summary>Registered models the registry versions are spread over.</summary>
    public int RegistryModels => Math.Max(10, RegistryVersions / 100);

    /// <summary>Concurrent clients that seed the search runs.</summary>
    public int SeedClients { get; } = 8;
}
