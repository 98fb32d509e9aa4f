using System.Diagnostics;
using System.Net.Http.Headers;
using Slipway.Load.Hosting;
using Slipway.Load.Measurements;
using Slipway.Load.Reporting;
using Slipway.Tests.Models;

namespace Slipway.Load;

/// <summary>
/// The serving benchmark (<c>--serving</c>): trains the adult-census model and exports it to ONNX, serves both from
/// one Slipway server on SQLite, and measures OIP v2 inference with wrk at 1 and 32 connections, each configuration
/// right after the same configuration of the in-process ONNX Runtime baseline, so that both see the same machine.
/// </summary>
internal sealed class ServingBenchmark(RepositoryPaths paths, LoadSizes sizes, TextWriter log)
{
    private const int MaxBatchSize = 64;

    /// <summary>(connections, rows per request): single rows from one client and from many, then full batches.</summary>
    private static readonly (int Connections, int Rows)[] Configurations = [(1, 1), (32, 1), (32, MaxBatchSize)];

    public async Task<ServingResult> RunAsync(string wrkVersion, CancellationToken cancellationToken)
    {
        log.WriteLine("[serving] training the adult-census model (ML.NET) and exporting it to ONNX");
        var clock = Stopwatch.StartNew();
        var trained = TestModels.AdultCensus;
        log.WriteLine($"    trained and exported in {clock.Elapsed.TotalSeconds:F1} s: {Describe(trained.MlnetZipPath)}, {Describe(trained.OnnxPath)}");
        var inputs = Configurations.Select(c => c.Rows).Distinct().ToDictionary(rows => rows, rows => ServingInputs.FromData(rows));

        await using var database = new SqliteBenchDatabase();
        var site = await database.CreateSiteAsync(cancellationToken);
        await using var server = await ServerProcess.StartAsync(ServerCommand.Slipway(paths, site.DataDir, site.Settings), cancellationToken);
        var token = await SlipwayApi.ReadAdminTokenAsync(site.DataDir, cancellationToken);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var api = new ServingApi(http);
        var idle = server.ResidentBytes() / 1048576.0;

        var models = new[]
        {
            (Label: "ONNX", Model: "adult-census-onnx", Deployment: "census-onnx", File: trained.OnnxPath),
            (Label: "ML.NET", Model: "adult-census-mlnet", Deployment: "census-mlnet", File: trained.MlnetZipPath),
        };
        var loads = new List<ServingLoad>();
        foreach (var m in models)
        {
            var version = await api.RegisterAsync(m.Model, m.File, cancellationToken);
            log.WriteLine($"[serving] {m.Label}: registered {m.Model} version {version}; deploying as {m.Deployment}");
            var coldStart = await api.DeployAsync(m.Deployment, m.Model, version, MaxBatchSize, cancellationToken);
            log.WriteLine($"    ready {coldStart.TotalSeconds:F2} s after the deployment was created");
            loads.Add(new ServingLoad(m.Label, m.Deployment, coldStart, null));
            foreach (var rows in inputs.Values)
            {
                await ProbeAsync(http, Infer(server, m.Deployment), rows.OipBody(), cancellationToken);
            }
        }

        var (memory, _) = await api.MemoryAsync(cancellationToken);
        loads = [.. loads.Select((l, i) => l with { MemoryBytes = memory.TryGetValue(models[i].Model, out var bytes) ? bytes : null })];

        var rowsMeasured = new List<ServingRow>();
        using var baseline = new InProcessOnnx(trained.OnnxPath);
        foreach (var (connections, rowCount) in Configurations)
        {
            var body = inputs[rowCount];
            log.WriteLine($"[serving] {connections} connection(s), {rowCount} row(s) per request: {sizes.ServingWarmup.TotalSeconds:F0} s warm-up, {sizes.ServingDuration.TotalSeconds:F0} s measured");
            var inProcess = baseline.Measure(body, connections, sizes.ServingWarmup, sizes.ServingDuration, cancellationToken);
            log.WriteLine($"    {InProcessOnnx.Name}: {inProcess.CallsPerSecond:N0} calls/s, {inProcess.RowsPerSecond:N0} rows/s, p50 {inProcess.P50Milliseconds:F3} ms, p99 {inProcess.P99Milliseconds:F3} ms");
            foreach (var m in models)
            {
                var url = Infer(server, m.Deployment);
                var warm = await WrkLoad.RequestAsync(url, body.OipBody(), rowCount, token, connections, sizes.ServingWarmup, latency: false, cancellationToken);
                if (warm.Failure is { } warmFailure)
                {
                    log.WriteLine($"    WARNING: Slipway {m.Label} warm-up: {warmFailure}");
                }

                var cpu = server.CpuTime();
                var wrk = await WrkLoad.RequestAsync(url, body.OipBody(), rowCount, token, connections, sizes.ServingDuration, latency: true, cancellationToken);
                var cpuPerRequest = (server.CpuTime() - cpu).TotalMilliseconds / Math.Max(1, wrk.Requests);
                log.WriteLine(wrk.Failure is { } failure
                    ? $"    FAILED: Slipway {m.Label}: {failure}. The row's figures are not reported."
                    : $"    Slipway {m.Label}: {wrk.RequestsPerSecond:N0} req/s, {wrk.RowsPerSecond:N0} rows/s, p50 {wrk.P50Milliseconds:F3} ms, p99 {wrk.P99Milliseconds:F3} ms; " +
                      $"{wrk.Requests:N0} requests, all 2xx; server CPU {cpuPerRequest:F3} ms per request");
                rowsMeasured.Add(new ServingRow(m.Label, wrk, cpuPerRequest, inProcess, Targeted: m.Label == "ONNX"));
            }
        }

        var floorConnections = Configurations.Max(c => c.Connections);
        log.WriteLine($"[serving] HTTP floor: GET /health/live from {floorConnections} connections, {sizes.ServingDuration.TotalSeconds:F0} s");
        var live = new Uri(server.BaseAddress, "health/live");
        await WrkLoad.RequestAsync(live, null, 0, token, floorConnections, sizes.ServingWarmup, latency: false, cancellationToken);
        var floorCpu = server.CpuTime();
        var floor = await WrkLoad.RequestAsync(live, null, 0, token, floorConnections, sizes.ServingDuration, latency: true, cancellationToken);
        var floorCpuPerRequest = (server.CpuTime() - floorCpu).TotalMilliseconds / Math.Max(1, floor.Requests);
        log.WriteLine($"    {floor.RequestsPerSecond:N0} req/s, p50 {floor.P50Milliseconds:F3} ms, p99 {floor.P99Milliseconds:F3} ms; server CPU {floorCpuPerRequest:F3} ms per request");

        return new ServingResult(rowsMeasured, loads, new HttpFloor(floor, floorCpuPerRequest), idle, server.ResidentBytes() / 1048576.0, wrkVersion);
    }

    private static Uri Infer(ServerProcess server, string deployment) => new(server.BaseAddress, $"v2/models/{Uri.EscapeDataString(deployment)}/infer");

    /// <summary>One request before the load, so a refusal shows its whole answer instead of a count of failures.</summary>
    private static async Task ProbeAsync(HttpClient http, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {url.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    private static string Describe(string file) => $"{Path.GetFileName(file)} ({new FileInfo(file).Length / 1024.0:F0} KiB)";
}
