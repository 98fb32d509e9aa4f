namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// A version's engine run time as <c>a·rows + b</c> seconds (serving spec §4.2 item 4), fitted by least squares over
/// exponentially weighted runs so that it follows the recent load. Runs of one size only give <c>b = 0</c> (all cost
/// per row), which overestimates merged batches until larger batches are seen; warm-up seeds both sizes. Thread-safe.
/// </summary>
internal sealed class RunTimeEstimator
{
    /// <summary>Weight of the newest run: about the last 10 runs dominate.</summary>
    private const double Alpha = 0.1;

    private readonly Lock gate = new();
    private double weight;
    private double sumRows;
    private double sumSeconds;
    private double sumRowsSquared;
    private double sumRowsSeconds;
    private (double PerRow, double PerRun) fit;

    public void Observe(int rows, TimeSpan elapsed)
    {
        if (rows <= 0)
        {
            return;
        }

        var seconds = Math.Max(0, elapsed.TotalSeconds);
        lock (gate)
        {
            weight = ((1 - Alpha) * weight) + 1;
            sumRows = ((1 - Alpha) * sumRows) + rows;
            sumSeconds = ((1 - Alpha) * sumSeconds) + seconds;
            sumRowsSquared = ((1 - Alpha) * sumRowsSquared) + ((double)rows * rows);
            sumRowsSeconds = ((1 - Alpha) * sumRowsSeconds) + (rows * seconds);
            fit = Fit();
        }
    }

    /// <summary>Estimated seconds of one run of <paramref name="rows"/> rows; 0 before any run was seen.</summary>
    public double Seconds(long rows)
    {
        var (perRow, perRun) = Current;
        return (perRow * rows) + perRun;
    }

    /// <summary>Estimated seconds of <paramref name="runs"/> runs holding <paramref name="rows"/> rows in all.</summary>
    public double Seconds(long rows, long runs)
    {
        var (perRow, perRun) = Current;
        return (perRow * rows) + (perRun * runs);
    }

    private (double PerRow, double PerRun) Current
    {
        get
        {
            lock (gate)
            {
                return fit;
            }
        }
    }

    private (double PerRow, double PerRun) Fit()
    {
        var meanRows = sumRows / weight;
        var meanSeconds = sumSeconds / weight;
        var variance = (sumRowsSquared / weight) - (meanRows * meanRows);
        if (variance < 1e-6)
        {
            return (meanSeconds / meanRows, 0);
        }

        var perRow = ((sumRowsSeconds / weight) - (meanRows * meanSeconds)) / variance;
        var perRun = meanSeconds - (perRow * meanRows);
        if (perRow < 0)
        {
            return (0, meanSeconds);
        }

        return perRun < 0 ? (meanSeconds / meanRows, 0) : (perRow, perRun);
    }
}
