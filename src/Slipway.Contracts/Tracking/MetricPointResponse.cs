namespace Slipway.Contracts.Tracking;

/// <summary>One metric point. NaN and infinities are written as the strings "NaN", "Infinity" and "-Infinity".</summary>
public sealed record MetricPointResponse(double Value, long Timestamp, long Step);
