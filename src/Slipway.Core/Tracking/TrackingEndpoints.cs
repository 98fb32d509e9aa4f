using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts;
using Slipway.Contracts.Tracking;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Tracking.Experiments;
using Slipway.Core.Tracking.Runs;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tracking;

/// <summary>
/// The native /api/v1 tracking resources: thin adapters over the same handlers as the MLflow API, with
/// problem details for errors and cursor pagination (the cursor is the handlers' opaque page token).
/// </summary>
public static class TrackingEndpoints
{
    /// <summary>The default and largest page size of the native listings.</summary>
    public const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapTracking(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/v1/experiments").WithTags("Experiments");
        experiments.MapGet("", ListExperimentsAsync).WithName("ListExperiments").RequireAccess(AccessRule.Filtered(ResourceTypes.Experiment));
        experiments.MapPost("", CreateExperimentAsync).WithName("CreateExperiment").RequireAccess(AccessRule.InWorkspace(ResourceTypes.Experiment, Permission.Use));
        experiments.MapGet("/{id}", GetExperimentAsync).WithName("GetExperiment").RequireAccess(AccessRule.On(ResourceLocator.Experiment(RequestValueSource.Route, "id"), Permission.Read));
        experiments.MapDelete("/{id}", DeleteExperimentAsync).WithName("DeleteExperiment").RequireAccess(AccessRule.On(ResourceLocator.Experiment(RequestValueSource.Route, "id"), Permission.Manage));

        var runs = app.MapGroup("/api/v1/runs").WithTags("Runs");
        runs.MapGet("", ListRunsAsync).WithName("ListRuns").RequireAccess(AccessRule.Filtered(ResourceTypes.Experiment));
        runs.MapGet("/{id}", GetRunAsync).WithName("GetRun").RequireAccess(AccessRule.On(ResourceLocator.Run(RequestValueSource.Route, "id"), Permission.Read));
        runs.MapGet("/{id}/metrics/{key}", GetMetricHistoryAsync).WithName("GetMetricHistory").RequireAccess(AccessRule.On(ResourceLocator.Run(RequestValueSource.Route, "id"), Permission.Read));
        return app;
    }

    private static async Task<Results<Ok<Page<ExperimentResponse>>, ProblemHttpResult>> ListExperimentsAsync(
        SearchExperiments handler, CancellationToken cancellationToken, string? filter = null, string? view = null, int? limit = null, string? cursor = null)
    {
        var result = await handler.HandleAsync(new SearchExperimentsQuery(filter, [], view, limit ?? DefaultLimit, cursor), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<ExperimentResponse>(result.Value.Items.Select(ToResponse).ToList(), result.Value.NextPageToken))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Created<ExperimentResponse>, ProblemHttpResult>> CreateExperimentAsync(
        Contracts.Tracking.CreateExperimentRequest request, CreateExperiment handler, CancellationToken cancellationToken)
    {
        var tags = (request.Tags ?? new Dictionary<string, string>()).Select(t => new KeyValue(t.Key, t.Value)).ToList();
        var result = await handler.HandleAsync(new CreateExperimentCommand(request.Name, null, tags), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/experiments/{result.Value.Id}", ToResponse(result.Value))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<ExperimentResponse>, ProblemHttpResult>> GetExperimentAsync(string id, GetExperiment handler, CancellationToken cancellationToken)
    {
        var parsed = TrackingValidation.ExperimentId(id, "id");
        if (!parsed.IsSuccess)
        {
            return ProblemResults.Problem(parsed.Error);
        }

        var result = await handler.ByIdAsync(parsed.Value, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteExperimentAsync(string id, SetExperimentLifecycle handler, CancellationToken cancellationToken)
    {
        var parsed = TrackingValidation.ExperimentId(id, "id");
        if (!parsed.IsSuccess)
        {
            return ProblemResults.Problem(parsed.Error);
        }

        var result = await handler.DeleteAsync(parsed.Value, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<Page<RunResponse>>, ProblemHttpResult>> ListRunsAsync(
        SearchRuns handler,
        CancellationToken cancellationToken,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "experiment_id")] string[]? experimentIds = null,
        string? filter = null,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "order_by")] string[]? orderBy = null,
        string? view = null,
        int? limit = null,
        string? cursor = null)
    {
        var ids = experimentIds is { Length: > 0 } given ? given : [Experiment.DefaultId.ToString(CultureInfo.InvariantCulture)];
        var result = await handler.HandleAsync(new SearchRunsQuery(ids, filter, orderBy ?? [], view, limit ?? DefaultLimit, cursor), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<RunResponse>(result.Value.Items.Select(ToResponse).ToList(), result.Value.NextPageToken))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetRunAsync(string id, GetRun handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(id, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<Page<MetricPointResponse>>, ProblemHttpResult>> GetMetricHistoryAsync(
        string id, string key, GetMetricHistory handler, CancellationToken cancellationToken, int? limit = null, string? cursor = null)
    {
        // Kestrel leaves %2F encoded in route values; metric keys may contain '/'.
        var result = await handler.HandleAsync(id, Uri.UnescapeDataString(key), limit, cursor, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<MetricPointResponse>(
                result.Value.Points.Select(p => new MetricPointResponse(p.IsNan ? double.NaN : p.Value, p.Timestamp, p.Step)).ToList(),
                result.Value.NextPageToken))
            : ProblemResults.Problem(result.Error);
    }

    private static ExperimentResponse ToResponse(Experiment e) => new(
        e.Id.ToString(CultureInfo.InvariantCulture),
        e.Name,
        e.ArtifactLocation,
        e.LifecycleStage,
        e.CreationTime,
        e.LastUpdateTime,
        e.Tags.ToDictionary(t => t.Key, t => t.Value));

    private static RunResponse ToResponse(RunView v) => new(
        v.Run.Id,
        v.Run.Name,
        v.Run.ExperimentId.ToString(CultureInfo.InvariantCulture),
        v.Run.UserId,
        v.Run.Status,
        v.Run.StartTime,
        v.Run.EndTime,
        v.Run.ArtifactUri,
        v.Run.LifecycleStage,
        v.Metrics.ToDictionary(m => m.Key, m => new MetricPointResponse(m.IsNan ? double.NaN : m.Value, m.Timestamp, m.Step)),
        v.Params.ToDictionary(p => p.Key, p => p.Value),
        v.Tags.ToDictionary(t => t.Key, t => t.Value));
}
