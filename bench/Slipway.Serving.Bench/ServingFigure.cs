namespace Slipway.Serving.Bench;

/// <summary>One measured cell: who served (in-process or over HTTP), which engine, rows per call, concurrent callers, and what came out.</summary>
internal sealed record ServingFigure(string Path, string Engine, int BatchRows, int Concurrency, double CallsPerSecond, double P50Milliseconds, double P99Milliseconds)
{
    public double RowsPerSecond => CallsPerSecond * BatchRows;
}

/// <summary>Loading one model: time to load and warm it, and the resident memory it added.</summary>
internal sealed record ColdStart(string Engine, double LoadMilliseconds, double WarmupMilliseconds, long ResidentBytes);
