using Slipway.Contracts;
using Slipway.Contracts.Tracking;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/experiments</c> resource.</summary>
public sealed class ExperimentsClient
{
    private const string Path = "api/v1/experiments";
    private readonly SlipwayHttp http;

    internal ExperimentsClient(SlipwayHttp http) => this.http = http;

    /// <summary>One page of experiments matching <paramref name="query"/> (all active ones when null).</summary>
    /// <exception cref="SlipwayApiException">400 for an invalid filter or cursor, 401 without a valid token.</exception>
    public Task<Page<ExperimentResponse>> ListAsync(ExperimentQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ExperimentQuery();
        var uri = new QueryString(Path)
            .Add("filter", query.Filter)
            .Add("view", query.View)
            .Add("limit", query.Limit)
            .Add("cursor", query.Cursor);
        return http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.PageExperimentResponse, cancellationToken);
    }

    /// <summary>The experiment with the numeric id <paramref name="id"/>.</summary>
    /// <exception cref="SlipwayApiException">404 when it does not exist, 400 when the id is not a number.</exception>
    public Task<ExperimentResponse> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return http.GetAsync($"{Path}/{Uri.EscapeDataString(id)}", SlipwayJsonContext.Default.ExperimentResponse, cancellationToken);
    }

    /// <summary>Creates an experiment and returns it with its new id. Needs the Edit permission.</summary>
    /// <exception cref="SlipwayApiException">409 when the name is taken (deleted experiments included), 400 for an invalid name.</exception>
    public Task<ExperimentResponse> CreateAsync(CreateExperimentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return http.SendJsonAsync(
            HttpMethod.Post, Path, request, SlipwayJsonContext.Default.CreateExperimentRequest, SlipwayJsonContext.Default.ExperimentResponse, cancellationToken);
    }
}
