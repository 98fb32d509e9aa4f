using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>The filtered <c>runs/search</c> figures: every page of 1,000, and the first page of 100.</summary>
internal static class RunSearchLatency
{
    public const string Filter = "metrics.acc > 0.5 and params.kind = 'a'";

    /// <summary>Follows next_page_token to the end; returns the median total time and the runs found.</summary>
    public static async Task<(double Milliseconds, int Runs)> AllPagesAsync(SlipwayApi api, string experimentId, int repeats, CancellationToken cancellationToken)
    {
        var runs = 0;
        var milliseconds = await Timing.MedianMillisecondsAsync(repeats, async () =>
        {
            runs = 0;
            string? token = null;
            do
            {
                var page = await api.SearchRunsAsync(Body(experimentId, 1000, token), cancellationToken);
                runs += page.Runs;
                token = page.NextPageToken;
            }
            while (token is not null);
        });
        return (milliseconds, runs);
    }

    public static async Task<(double Milliseconds, int Runs)> FirstPageAsync(SlipwayApi api, string experimentId, int pageSize, int repeats, CancellationToken cancellationToken)
    {
        var body = Body(experimentId, pageSize, null);
        var runs = 0;
        var milliseconds = await Timing.MedianMillisecondsAsync(repeats, async () => runs = (await api.SearchRunsAsync(body, cancellationToken)).Runs);
        return (milliseconds, runs);
    }

    private static byte[] Body(string experimentId, int maxResults, string? pageToken) => SlipwayApi.Json(w =>
    {
        w.WriteStartArray("experiment_ids");
        w.WriteStringValue(experimentId);
        w.WriteEndArray();
        w.WriteString("filter", Filter);
        w.WriteNumber("max_results", maxResults);
        if (pageToken is not null)
        {
            w.WriteString("page_token", pageToken);
        }
    });
}
