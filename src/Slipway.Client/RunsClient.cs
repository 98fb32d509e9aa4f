using Slipway.Contracts;
using Slipway.Contracts.Tracking;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/runs</c> resource. It is read-only: runs are created and logged through the MLflow API.</summary>
public sealed class RunsClient
{
    private const string Path = "api/v1/runs";
    private readonly SlipwayHttp http;

    internal RunsClient(SlipwayHttp http) => this.http = http;

    /// <summary>One page of runs matching <paramref name="query"/> (active runs of experiment 0 when null).</summary>
    /// <exception cref="SlipwayApiException">400 for an invalid filter, sort key or cursor; 401 without a valid token.</exception>
    public Task<Page<RunResponse>> ListAsync(RunQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new RunQuery();
        var uri = new QueryString(Path)
            .AddEach("experiment_id", query.ExperimentIds)
            .Add("filter", query.Filter)
            .AddEach("order_by", query.OrderBy)
            .Add("view", query.View)
            .Add("limit", query.Limit)
            .Add("cursor", query.Cursor);
        return http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.PageRunResponse, cancellationToken);
    }

    /// <summary>The run <paramref name="runId"/> with its latest metrics, params and tags.</summary>
    /// <exception cref="SlipwayApiException">404 when it does not exist.</exception>
    public Task<RunResponse> GetAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return http.GetAsync($"{Path}/{Uri.EscapeDataString(runId)}", SlipwayJsonContext.Default.RunResponse, cancellationToken);
    }

    /// <summary>
    /// One page of every logged point of metric <paramref name="key"/>, oldest step first. A NaN or infinite value
    /// comes back as <see cref="double.NaN"/> or an infinity.
    /// </summary>
    /// <exception cref="SlipwayApiException">404 when the run does not exist.</exception>
    public Task<Page<MetricPointResponse>> GetMetricHistoryAsync(
        string runId, string key, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(key);
        var uri = new QueryString($"{Path}/{Uri.EscapeDataString(runId)}/metrics/{Uri.EscapeDataString(key)}")
            .Add("limit", limit)
            .Add("cursor", cursor);
        return http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.PageMetricPointResponse, cancellationToken);
    }
}
