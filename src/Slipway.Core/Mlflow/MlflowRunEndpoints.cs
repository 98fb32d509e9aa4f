using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow.Messages;
using Slipway.Core.Tracking;
using Slipway.Core.Tracking.Runs;
using Slipway.Core.Tracking.Search;
using static Slipway.Core.Mlflow.MlflowRouteBuilder;

namespace Slipway.Core.Mlflow;

/// <summary>The run RPCs of mlflow-rest.md §2.1 and <c>runs/outputs</c> of §2.4.</summary>
internal static class MlflowRunEndpoints
{
    public static void MapMlflowRuns(this IEndpointRouteBuilder app)
    {
        app.MapRpc(Post, "runs/create", "CreateRun", AccessRule.On(ResourceLocator.Experiment(RequestValueSource.QueryOrBody, "experiment_id") with { Default = "0" }, Permission.Edit), CreateAsync);
        app.MapRpc(Get, "runs/get", "GetRun", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Read), GetAsync);
        app.MapRpc(Post, "runs/update", "UpdateRun", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), UpdateAsync);
        app.MapRpc(Post, "runs/delete", "DeleteRun", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Manage), DeleteAsync);
        app.MapRpc(Post, "runs/restore", "RestoreRun", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Manage), RestoreAsync);
        app.MapRpc(Post, "runs/log-metric", "LogMetric", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), LogMetricAsync);
        app.MapRpc(Post, "runs/log-parameter", "LogParameter", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), LogParameterAsync);
        app.MapRpc(Post, "runs/set-tag", "SetTag", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), SetTagAsync);
        app.MapRpc(Post, "runs/delete-tag", "DeleteTag", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), DeleteTagAsync);
        app.MapRpc(Post, "runs/log-batch", "LogBatch", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), LogBatchAsync);
        app.MapRpc(GetOrPost, "runs/search", "SearchRuns", AccessRule.Filtered(ResourceTypes.Experiment), SearchAsync);
        app.MapRpc(Get, "metrics/get-history", "GetMetricHistory", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Read), GetHistoryAsync);
        app.MapRpc(Post, "runs/log-inputs", "LogInputs", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid") with { MaxBodyBytes = MlflowRequest.MaxInputsBodyBytes }, Permission.Edit), LogInputsAsync);
        app.MapRpc(Post, "runs/log-model", "LogModel", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), LogModelAsync);
        app.MapRpc(Post, "runs/outputs", "LogOutputs", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Edit), LogOutputsAsync);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CreateRun handler)
    {
        var request = await MlflowRequest.ReadAsync<CreateRunRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var result = await handler.HandleAsync(new CreateRunCommand(r.ExperimentId, r.UserId, r.RunName, r.StartTime, TrackingShapes.KeyValues(r.Tags)), context.RequestAborted);
        return MlflowResults.From(result, v => new { run = TrackingShapes.Run(v) });
    }

    private static async Task<IResult> GetAsync(HttpContext context, GetRun handler)
    {
        var request = await MlflowRequest.ReadAsync<RunIdRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var result = await handler.HandleAsync(request.Value.Id, context.RequestAborted);
        return MlflowResults.From(result, v => new { run = TrackingShapes.Run(v) });
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, UpdateRun handler)
    {
        var request = await MlflowRequest.ReadAsync<UpdateRunRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var result = await handler.HandleAsync(new UpdateRunCommand(r.Id, r.Status, r.EndTime, r.RunName), context.RequestAborted);
        return MlflowResults.From(result, run => new { run_info = TrackingShapes.RunInfo(run) });
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, SetRunLifecycle handler)
    {
        var request = await MlflowRequest.ReadAsync<RunIdRequest>(context);
        return request.IsSuccess
            ? MlflowResults.From(await handler.DeleteAsync(request.Value.Id, context.RequestAborted))
            : MlflowResults.Error(request.Error);
    }

    private static async Task<IResult> RestoreAsync(HttpContext context, SetRunLifecycle handler)
    {
        var request = await MlflowRequest.ReadAsync<RunIdRequest>(context);
        return request.IsSuccess
            ? MlflowResults.From(await handler.RestoreAsync(request.Value.Id, context.RequestAborted))
            : MlflowResults.Error(request.Error);
    }

    private static async Task<IResult> LogMetricAsync(HttpContext context, LogBatch handler)
    {
        var request = await MlflowRequest.ReadAsync<LogMetricRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var metric = ToMetric(new MetricJson(r.Key, r.Value, r.Timestamp, r.Step, r.ModelId, null, r.DatasetName, r.DatasetDigest));
        if (!metric.IsSuccess)
        {
            return MlflowResults.Error(metric.Error);
        }

        return MlflowResults.From(await handler.HandleAsync(new LogBatchCommand(r.Id, [metric.Value], [], [], LogBatch.LogMetricAction), context.RequestAborted));
    }

    private static async Task<IResult> LogParameterAsync(HttpContext context, LogBatch handler)
    {
        var request = await MlflowRequest.ReadAsync<RunKeyValueRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        if (r.Value is null)
        {
            return MlflowResults.Error(Error.MissingField("value"));
        }

        return MlflowResults.From(await handler.HandleAsync(new LogBatchCommand(r.Id, [], [new KeyValue(r.Key ?? "", r.Value)], [], LogBatch.LogParamAction), context.RequestAborted));
    }

    private static async Task<IResult> SetTagAsync(HttpContext context, LogBatch handler)
    {
        var request = await MlflowRequest.ReadAsync<RunKeyValueRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        if (r.Value is null)
        {
            return MlflowResults.Error(Error.MissingField("value"));
        }

        return MlflowResults.From(await handler.HandleAsync(new LogBatchCommand(r.Id, [], [], [new KeyValue(r.Key ?? "", r.Value)], LogBatch.SetTagAction), context.RequestAborted));
    }

    private static async Task<IResult> DeleteTagAsync(HttpContext context, DeleteRunTag handler)
    {
        var request = await MlflowRequest.ReadAsync<RunKeyValueRequest>(context);
        return request.IsSuccess
            ? MlflowResults.From(await handler.HandleAsync(request.Value.Id, request.Value.Key, context.RequestAborted))
            : MlflowResults.Error(request.Error);
    }

    private static async Task<IResult> LogBatchAsync(HttpContext context, LogBatch handler)
    {
        var request = await MlflowRequest.ReadAsync<LogBatchRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var metrics = new List<MetricValue>(r.Metrics?.Count ?? 0);
        foreach (var m in r.Metrics ?? [])
        {
            var metric = ToMetric(m);
            if (!metric.IsSuccess)
            {
                return MlflowResults.Error(metric.Error);
            }

            metrics.Add(metric.Value);
        }

        var command = new LogBatchCommand(r.Id, metrics, TrackingShapes.KeyValues(r.Params), TrackingShapes.KeyValues(r.Tags));
        return MlflowResults.From(await handler.HandleAsync(command, context.RequestAborted));
    }

    private static Result<MetricValue> ToMetric(MetricJson m)
    {
        if (string.IsNullOrEmpty(m.Key))
        {
            return Error.MissingField("key");
        }

        if (m.Value is not { } value)
        {
            return Error.MissingField("value");
        }

        if (m.Timestamp is not { } timestamp)
        {
            return Error.MissingField("timestamp");
        }

        return new MetricValue(m.Key, value, timestamp, m.Step ?? 0, m.ModelId, m.DatasetName, m.DatasetDigest);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, SearchRuns handler)
    {
        var request = await MlflowRequest.ReadAsync<SearchRunsRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var result = await handler.HandleAsync(new SearchRunsQuery(r.ExperimentIds ?? [], r.Filter, r.OrderBy ?? [], r.RunViewType, r.MaxResults, r.PageToken), context.RequestAborted);
        return MlflowResults.From(result, page => new
        {
            runs = page.Items.Select(TrackingShapes.Run).ToList().NullIfEmpty(),
            next_page_token = page.NextPageToken,
        });
    }

    private static async Task<IResult> GetHistoryAsync(HttpContext context, GetMetricHistory handler)
    {
        var request = await MlflowRequest.ReadAsync<MetricHistoryRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        if (r.MaxResults is > int.MaxValue or < int.MinValue)
        {
            return MlflowResults.Error(Error.Invalid($"max_results {r.MaxResults} is out of range.", "max_results"));
        }

        var result = await handler.HandleAsync(r.Id, r.MetricKey, (int?)r.MaxResults, r.PageToken, context.RequestAborted);
        return MlflowResults.From(result, page => new
        {
            metrics = page.Points.Select(TrackingShapes.Metric).ToList().NullIfEmpty(),
            next_page_token = page.NextPageToken,
        });
    }

    private static async Task<IResult> LogInputsAsync(HttpContext context, LogInputs handler)
    {
        var request = await MlflowRequest.ReadAsync<LogInputsRequest>(context, MlflowRequest.MaxInputsBodyBytes);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var r = request.Value;
        var datasets = (r.Datasets ?? []).ConvertAll(i => new DatasetInputCommand(
            i.Dataset?.Name, i.Dataset?.Digest, i.Dataset?.SourceType, i.Dataset?.Source, i.Dataset?.Schema, i.Dataset?.Profile, TrackingShapes.KeyValues(i.Tags)));
        var models = (r.Models ?? []).ConvertAll(m => m.ModelId ?? "");
        if (models.Contains(""))
        {
            return MlflowResults.Error(Error.MissingField("models.model_id"));
        }

        return MlflowResults.From(await handler.HandleAsync(r.Id, datasets, models, context.RequestAborted));
    }

    private static async Task<IResult> LogModelAsync(HttpContext context, LogModel handler)
    {
        var request = await MlflowRequest.ReadAsync<LogModelRequest>(context);
        return request.IsSuccess
            ? MlflowResults.From(await handler.HandleAsync(request.Value.Id, request.Value.ModelJson, context.RequestAborted))
            : MlflowResults.Error(request.Error);
    }

    private static async Task<IResult> LogOutputsAsync(HttpContext context, LogOutputs handler)
    {
        var request = await MlflowRequest.ReadAsync<LogOutputsRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var models = (request.Value.Models ?? []).ConvertAll(m => new ModelOutput(m.ModelId, m.Step ?? 0));
        return MlflowResults.From(await handler.HandleAsync(request.Value.Id, models, context.RequestAborted));
    }
}
