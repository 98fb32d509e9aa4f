using Slipway.Load.Hosting;
using Slipway.Load.Measurements;
using Slipway.Load.Reporting;

namespace Slipway.Load;

/// <summary>Every figure for one database, each against its baseline, on one server started for the purpose.</summary>
internal sealed class ProviderBenchmark(BenchDatabase database, RepositoryPaths paths, LoadSizes sizes, MinimalBaseline minimal, MetricBatches batches, TextWriter log)
{
    private const string DefaultExperiment = "0";

    private readonly List<Figure> figures = [];

    public async Task<ProviderResult> RunAsync(CancellationToken cancellationToken)
    {
        ServerSite? site = null;
        log.WriteLine($"[{database.Name}] {sizes.Starts} start(s) on an empty database (migrations run), then {sizes.Starts} warm restart(s)");
        var (cold, first) = await StartupTime.MeasureAsync(
            async () =>
            {
                site = await database.CreateSiteAsync(cancellationToken);
                return ServerCommand.Slipway(paths, site.DataDir, site.Settings);
            },
            sizes.Starts,
            cancellationToken);
        await first.DisposeAsync();
        var (warm, server) = await StartupTime.MeasureAsync(() => Task.FromResult(ServerCommand.Slipway(paths, site!.DataDir, site.Settings)), sizes.Starts, cancellationToken);
        await using (server)
        {
            Add("Start-up to ready, empty database", Unit.Milliseconds, cold, minimal.StartupMilliseconds, MinimalBaseline.Name, Target.Below(1000, "< 1 s"));
            Add("Start-up to ready, warm restart", Unit.Milliseconds, warm, minimal.StartupMilliseconds, MinimalBaseline.Name, Target.Below(1000, "< 1 s"));

            using var api = new SlipwayApi(server.BaseAddress, await SlipwayApi.ReadAdminTokenAsync(site!.DataDir, cancellationToken));
            var experiment = await api.CreateExperimentAsync("slipway-load", cancellationToken);
            await api.WarmAsync(experiment, cancellationToken);
            Add("Idle memory (RSS) after start-up", Unit.Megabytes, server.ResidentBytes() / 1048576.0, minimal.IdleMegabytes, MinimalBaseline.Name, Target.Below(150, "< 150 MB"));

            await AuthAsync(server, site, experiment, cancellationToken);
            await LogBatchAsync(api, server, site, experiment, cancellationToken);
            await MetricHistoryAsync(api, site, experiment, cancellationToken);
            await SearchAsync(api, server, site, cancellationToken);
            await RegistryAsync(api, server, site, experiment, cancellationToken);
            Add("Memory (RSS) after the load above", Unit.Megabytes, server.ResidentBytes() / 1048576.0, minimal.IdleMegabytes, MinimalBaseline.Name);
        }

        return new ProviderResult(database.Name, figures);
    }

    private async Task LogBatchAsync(SlipwayApi api, ServerProcess server, ServerSite site, string experiment, CancellationToken cancellationToken)
    {
        var mostClients = sizes.ClientCounts.Max();
        log.WriteLine($"[{database.Name}] log-batch warm-up: {sizes.WarmupBatches} batches over {mostClients} clients");
        var warmup = new MetricBatches(Math.Max(1, sizes.WarmupBatches / mostClients));
        await LogBatchThroughput.MeasureAsync(api, server, warmup, await CreateRunsAsync(api, experiment, mostClients, cancellationToken), TimeSpan.MaxValue, cancellationToken);
        await RawMetricInsert.MeasureAsync(database, site, await CreateRunsAsync(api, experiment, 1, cancellationToken), database.RawRowsPerStatement, 5, TimeSpan.MaxValue, cancellationToken);

        foreach (var clients in sizes.ClientCounts)
        {
            log.WriteLine($"[{database.Name}] log-batch, {clients} client(s), {sizes.ThroughputDuration.TotalSeconds:F0} s or {batches.Count:N0} batches per client");
            var rest = await LogBatchThroughput.MeasureAsync(api, server, batches, await CreateRunsAsync(api, experiment, clients, cancellationToken), sizes.ThroughputDuration, cancellationToken);
            log.WriteLine($"    REST: {rest.CpuSummary}");

            var connections = database.SingleWriter ? 1 : clients;
            var rawRuns = await CreateRunsAsync(api, experiment, connections, cancellationToken);
            var raw = await RawMetricInsert.MeasureAsync(database, site, rawRuns, database.RawRowsPerStatement, batches.Count, sizes.ThroughputDuration, cancellationToken);
            log.WriteLine($"    raw:  {raw.Points:N0} points in {raw.Elapsed.TotalSeconds:F2} s; bench CPU {raw.ClientCpu.TotalSeconds:F2} s");

            var target = database.SingleWriter ? Target.AtLeast(200_000, 0.5, "≥ 200,000 pts/s and ≥ 0.5× raw") : null;
            Add($"Log-batch throughput, {clients} client{(clients == 1 ? "" : "s")}", Unit.PointsPerSecond, rest.PointsPerSecond, raw.PointsPerSecond,
                $"raw INSERT, {connections} connection{(connections == 1 ? "" : "s")}", target);
        }
    }

    private async Task AuthAsync(ServerProcess server, ServerSite site, string experiment, CancellationToken cancellationToken)
    {
        string readerToken;
        await using (var connection = await database.OpenAsync(site, cancellationToken))
        {
            readerToken = await AuthLoad.CreateReaderTokenAsync(connection, experiment, cancellationToken);
        }

        var adminToken = await SlipwayApi.ReadAdminTokenAsync(site.DataDir, cancellationToken);
        var read = $"api/2.0/mlflow/experiments/get?experiment_id={experiment}";
        const int clients = 8;
        log.WriteLine($"[{database.Name}] authentication and authorization: {clients} clients, {sizes.ThroughputDuration.TotalSeconds:F0} s per endpoint");
        var health = await AuthLoad.RequestsPerSecondAsync(server.BaseAddress, "health/live", null, clients, sizes.ThroughputDuration, cancellationToken);
        var asAdmin = await AuthLoad.RequestsPerSecondAsync(server.BaseAddress, read, adminToken, clients, sizes.ThroughputDuration, cancellationToken);
        var asReader = await AuthLoad.RequestsPerSecondAsync(server.BaseAddress, read, readerToken, clients, sizes.ThroughputDuration, cancellationToken);
        Add($"Authorized read (experiments/get), platform admin token, {clients} clients", Unit.PerSecond, asAdmin, health, "anonymous /health/live");
        Add($"Authorized read (experiments/get), user with a READ grant, {clients} clients", Unit.PerSecond, asReader, health, "anonymous /health/live");

        var repeats = sizes.HistoryRepeats * 100;
        var adminLatency = await AuthLoad.MedianMillisecondsAsync(server.BaseAddress, read, adminToken, repeats, cancellationToken);
        var readerLatency = await AuthLoad.MedianMillisecondsAsync(server.BaseAddress, read, readerToken, repeats, cancellationToken);
        log.WriteLine($"    grant resolution adds {(readerLatency - adminLatency) * 1000:F0} µs per request (median {readerLatency:F3} ms vs {adminLatency:F3} ms)");
        Add("Authorized read latency, user with a READ grant (grant resolution, caches warm)", Unit.Milliseconds, readerLatency, adminLatency, "same read, admin token (no grant lookup)");
    }

    private async Task MetricHistoryAsync(SlipwayApi api, ServerSite site, string experiment, CancellationToken cancellationToken)
    {
        log.WriteLine($"[{database.Name}] metric history of {sizes.HistoryPoints:N0} points, median of {sizes.HistoryRepeats}");
        var runId = (await CreateRunsAsync(api, experiment, 1, cancellationToken))[0];
        await MetricHistoryLatency.SeedAsync(api, runId, sizes.HistoryPoints, cancellationToken);
        var rest = await MetricHistoryLatency.RestAsync(api, runId, sizes.HistoryRepeats, cancellationToken);
        await using var connection = await database.OpenAsync(site, cancellationToken);
        var raw = await MetricHistoryLatency.RawAsync(connection, runId, sizes.HistoryRepeats, cancellationToken);
        Check("metric history", rest.Points, raw.Points);
        Add($"Metric history, {sizes.HistoryPoints:N0} points", Unit.Milliseconds, rest.Milliseconds, raw.Milliseconds, "SELECT of the same rows");
    }

    private async Task SearchAsync(SlipwayApi api, ServerProcess server, ServerSite site, CancellationToken cancellationToken)
    {
        log.WriteLine($"[{database.Name}] seeding {sizes.SearchRuns:N0} runs over {sizes.SeedClients} clients");
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var serverCpu = server.CpuTime();
        await SearchSeed.SeedAsync(api, DefaultExperiment, sizes.SearchRuns, sizes.SeedClients, cancellationToken);
        log.WriteLine($"    {sizes.SearchRuns:N0} runs in {seeding.Elapsed.TotalSeconds:F1} s ({sizes.SearchRuns / seeding.Elapsed.TotalSeconds:N0} runs/s, 2 requests each); server CPU {(server.CpuTime() - serverCpu).TotalMilliseconds / sizes.SearchRuns:F2} ms per run");
        await database.RefreshStatisticsAsync(site, cancellationToken);

        log.WriteLine($"[{database.Name}] search \"{RunSearchLatency.Filter}\": all pages ×{sizes.SearchAllPagesRepeats}, first page ×{sizes.SearchFirstPageRepeats}");
        var all = await RunSearchLatency.AllPagesAsync(api, DefaultExperiment, sizes.SearchAllPagesRepeats, cancellationToken);
        var firstPage = await RunSearchLatency.FirstPageAsync(api, DefaultExperiment, 100, sizes.SearchFirstPageRepeats, cancellationToken);

        await using var connection = await database.OpenAsync(site, cancellationToken);
        var rawAllRuns = 0;
        var rawAll = await Timing.MedianMillisecondsAsync(sizes.SearchAllPagesRepeats,
            async () => rawAllRuns = await HandWrittenSearch.RunAsync(database, connection, 0, int.MaxValue, cancellationToken));
        var rawFirstRuns = 0;
        var rawFirst = await Timing.MedianMillisecondsAsync(sizes.SearchFirstPageRepeats,
            async () => rawFirstRuns = await HandWrittenSearch.RunAsync(database, connection, 0, 100, cancellationToken));
        Check("search, all pages", all.Runs, rawAllRuns);
        Check("search, first page", firstPage.Runs, rawFirstRuns);

        Add($"Search {sizes.SearchRuns:N0} runs, all {all.Runs:N0} matches in pages of 1,000", Unit.Milliseconds, all.Milliseconds, rawAll, "hand-written SQL", Target.Below(350, "< 350 ms"));
        Add($"Search {sizes.SearchRuns:N0} runs, first page of 100", Unit.Milliseconds, firstPage.Milliseconds, rawFirst, "hand-written SQL", Target.Below(90, "< 90 ms"));
    }

    private async Task RegistryAsync(SlipwayApi api, ServerProcess server, ServerSite site, string experiment, CancellationToken cancellationToken)
    {
        var clients = sizes.SeedClients;
        log.WriteLine($"[{database.Name}] registry: {sizes.RegistryVersions:N0} versions over {sizes.RegistryModels} models from {clients} clients");
        var runId = await RegistryLoad.PrepareAsync(api, api.Http, experiment, sizes.RegistryModels, cancellationToken);
        var serverCpu = server.CpuTime();
        var (versions, elapsed) = await RegistryLoad.CreateVersionsAsync(api.Http, runId, sizes.RegistryModels, sizes.RegistryVersions, clients, cancellationToken);
        log.WriteLine($"    {versions:N0} versions in {elapsed.TotalSeconds:F1} s; server CPU {(server.CpuTime() - serverCpu).TotalMilliseconds / versions:F2} ms per version");
        var baselineCount = Math.Min(versions, 2_000);
        var (runs, runsElapsed) = await RegistryLoad.CreateRunsAsync(api, experiment, baselineCount, clients, cancellationToken);
        Add($"Model versions created, {clients} clients (copy, hash, inspect, card, index)", Unit.PerSecond, versions / elapsed.TotalSeconds, runs / runsElapsed.TotalSeconds,
            $"runs/create, {clients} clients");

        await database.RefreshStatisticsAsync(site, cancellationToken);
        log.WriteLine($"[{database.Name}] catalog search \"{RegistryLoad.SearchWord}\" over {versions:N0} versions, first page of 20 with total and facets, median of {sizes.CatalogSearchRepeats}");
        var search = await RegistryLoad.SearchAsync(api.Http, sizes.CatalogSearchRepeats, cancellationToken);
        await using var connection = await database.OpenAsync(site, cancellationToken);
        var raw = await RegistryLoad.RawSearchAsync(database, connection, sizes.CatalogSearchRepeats, cancellationToken);
        log.WriteLine($"    {search.Total:N0} matches");
        Check("catalog search, first page", search.Hits, raw.Hits);
        Add($"Catalog search over {versions:N0} versions, first page of 20 with facets", Unit.Milliseconds, search.Milliseconds, raw.Milliseconds, "bare ranked full-text query");
    }

    private static async Task<IReadOnlyList<string>> CreateRunsAsync(SlipwayApi api, string experiment, int count, CancellationToken cancellationToken)
    {
        var runs = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            runs.Add(await api.CreateRunAsync(experiment, MetricBatches.BaseTimestamp, cancellationToken));
        }

        return runs;
    }

    private void Check(string what, int rest, int raw)
    {
        if (rest != raw)
        {
            log.WriteLine($"    WARNING: {what}: the REST API returned {rest:N0} rows, the direct query {raw:N0}.");
        }
    }

    private void Add(string name, Unit unit, double value, double baseline, string baselineName, Target? target = null) =>
        figures.Add(new Figure(name, unit, value, baseline, baselineName, target));
}
