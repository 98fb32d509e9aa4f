namespace Slipway.Load.Measurements;

/// <summary>Points written in a wall-clock interval, and the CPU the server and this process used meanwhile.</summary>
internal sealed record Throughput(long Points, TimeSpan Elapsed, TimeSpan ServerCpu, TimeSpan ClientCpu)
{
    public double PointsPerSecond => Points / Elapsed.TotalSeconds;

    /// <summary>For the log: where the two cores went.</summary>
    public string CpuSummary =>
        $"{Points:N0} points in {Elapsed.TotalSeconds:F2} s; CPU: server {ServerCpu.TotalSeconds:F2} s, bench {ClientCpu.TotalSeconds:F2} s " +
        $"({ServerCpu.TotalMicroseconds / Points:F2} µs of server CPU per point)";
}
