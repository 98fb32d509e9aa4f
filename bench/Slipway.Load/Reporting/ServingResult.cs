using Slipway.Load.Measurements;

namespace Slipway.Load.Reporting;

/// <summary>
/// One serving figure: wrk against a deployment next to the in-process baseline at the same concurrency and batch
/// size. <see cref="ServerCpuMilliseconds"/> is the server's CPU time (user and system) per request over the measured
/// run: what a request costs whatever else shares the machine. <see cref="Targeted"/> rows are checked against the
/// issue's targets.
/// </summary>
internal sealed record ServingRow(string Model, WrkResult Slipway, double ServerCpuMilliseconds, CallRate Baseline, bool Targeted)
{
    public const double RowsRatioTarget = 0.5;
    public const double P99TargetMilliseconds = 2;

    /// <summary>Slipway's rows per second ÷ the in-process baseline's.</summary>
    public double Ratio => Slipway.RowsPerSecond / Baseline.RowsPerSecond;

    public string? TargetText => !Targeted || Slipway.Failure is not null ? null
        : Slipway.Connections > 1 ? $"≥ {RowsRatioTarget * 100:F0}% of in-process rows/s"
        : Slipway.Rows == 1 ? $"p99 < {P99TargetMilliseconds:F0} ms"
        : null;

    public bool? Met => TargetText is null ? null
        : Slipway.Connections > 1 ? Ratio >= RowsRatioTarget
        : Slipway.P99Milliseconds < P99TargetMilliseconds;
}

/// <summary>A deployed model's cold start (deployment created → every route ready) and its memory as <c>/metrics</c> reports it.</summary>
internal sealed record ServingLoad(string Model, string Deployment, TimeSpan ColdStart, double? MemoryBytes);

/// <summary>
/// The cheapest request the same server answers (<c>GET /health/live</c>: no access rule, no body; the same token header is sent) under the same
/// wrk load: what HTTP alone costs on this machine, for reading the serving figures.
/// </summary>
internal sealed record HttpFloor(WrkResult Wrk, double ServerCpuMilliseconds);

/// <summary>Everything the serving benchmark measured, with the server's RSS before and after the models were loaded.</summary>
internal sealed record ServingResult(
    IReadOnlyList<ServingRow> Rows, IReadOnlyList<ServingLoad> Loads, HttpFloor Floor, double IdleMegabytes, double LoadedMegabytes, string WrkVersion);
