namespace Slipway.Core.Tracking;

/// <summary>A metric point as it crosses the API, before it is stored.</summary>
public sealed record MetricValue(string Key, double Value, long Timestamp, long Step, string? ModelId = null, string? DatasetName = null, string? DatasetDigest = null)
{
    public bool IsNan => double.IsNaN(Value);

    /// <summary>The stored value: NaN is kept as 0 with the NaN flag (see <see cref="MetricPoint"/>).</summary>
    public double StoredValue => IsNan ? 0 : Value;

    /// <summary>MLflow's latest-value order: highest step, then timestamp, then value (NaN lowest).</summary>
    public static int CompareLatest(long stepA, long tsA, double valueA, long stepB, long tsB, double valueB)
    {
        var c = stepA.CompareTo(stepB);
        if (c != 0)
        {
            return c;
        }

        c = tsA.CompareTo(tsB);
        return c != 0 ? c : valueA.CompareTo(valueB);
    }
}
