using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slipway.Contracts;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Telemetry;

/// <summary><c>/metrics</c> (Prometheus text) and the prediction log's read API.</summary>
public static class ServingTelemetryEndpoints
{
    public const string MetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapServingTelemetry(this IEndpointRouteBuilder app)
    {
        var metrics = app.MapGet("/metrics", MetricsAsync).WithName("GetMetrics").WithTags("Telemetry")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        // Routes' rules are fixed when they are mapped, so the setting is read once, at start-up.
        if (app.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value.AllowAnonymous)
        {
            metrics.AllowAnonymousAccess();
        }
        else
        {
            metrics.RequireAccess(AccessRule.Platform);
        }

        var api = app.MapGroup("/api/v1").WithTags("Predictions");
        // READ on the deployment; records of a deployment that no longer exists need READ on every deployment of the
        // workspace (checked in ListAsync), so that a new deployment of the same name does not open its predecessor's.
        api.MapGet("/deployments/{name}/predictions", ListAsync).WithName("ListPredictions")
            .RequireAccess(AccessRule.On(ResourceLocator.Deployment(RequestValueSource.Route, "name"), Permission.Read));
        // Per-deployment READ is checked in GetPrediction, since the records name their deployments.
        api.MapGet("/predictions/{prediction_id}", GetAsync).WithName("GetPrediction")
            .RequireAccess(AccessRule.Filtered(ResourceTypes.Deployment));
        return app;
    }

    private static async Task<FileContentHttpResult> MetricsAsync(ServingMetrics metrics, CancellationToken cancellationToken)
    {
        metrics.ProcessMemory.Set(ProcessMemory.ResidentBytes());
        using var buffer = new MemoryStream();
        await metrics.WriteAsync(buffer, cancellationToken);
        return TypedResults.Bytes(buffer.ToArray(), MetricsContentType);
    }

    private static async Task<Results<Ok<Page<JsonElement>>, ProblemHttpResult>> ListAsync(
        HttpContext context,
        string name,
        ListPredictions handler,
        CancellationToken cancellationToken,
        string? since = null,
        string? until = null,
        string? route = null,
        string? status = null,
        int? limit = null,
        string? cursor = null,
        [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var principal = context.Features.Get<SlipwayPrincipal>()!;
        var deployment = Uri.UnescapeDataString(name);
        var db = context.RequestServices.GetRequiredService<SlipwayDbContext>();
        if (!await db.Deployments.AnyAsync(d => d.WorkspaceId == principal.WorkspaceId && d.Name == deployment, cancellationToken))
        {
            var access = context.RequestServices.GetRequiredService<AccessEvaluator>();
            var level = await access.LevelAsync(principal, principal.WorkspaceId, ResourceTypes.Deployment, ResourceTypes.Any, db, cancellationToken);
            if (level is null)
            {
                return ProblemResults.Problem(new Error(ErrorKind.Forbidden, "permission_denied",
                    $"'{deployment}' is not a deployment of this workspace; reading the predictions it left needs READ on every deployment of the workspace."));
            }

            if (!await db.PredictionRecords.AnyAsync(r => r.WorkspaceId == principal.WorkspaceId && r.Deployment == deployment, cancellationToken))
            {
                return ProblemResults.Problem(Error.NotFound($"This workspace has no deployment '{deployment}' and no predictions of one."));
            }
        }

        var query = new PredictionQuery(principal.WorkspaceId, deployment, since, until, route, status, limit, cursor ?? pageToken);
        var result = await handler.HandleAsync(query, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new Page<JsonElement>(result.Value.Items.Select(Json).ToList(), result.Value.NextCursor))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<PredictionResponse>, ProblemHttpResult>> GetAsync(
        HttpContext context, [FromRoute(Name = "prediction_id")] string predictionId, GetPrediction handler, CancellationToken cancellationToken)
    {
        var principal = context.Features.Get<SlipwayPrincipal>()!;
        var result = await handler.HandleAsync(principal.WorkspaceId, predictionId, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new PredictionResponse(predictionId, result.Value.Select(Json).ToList()))
            : ProblemResults.Problem(result.Error);
    }

    private static JsonElement Json(PredictionRecord record)
    {
        using var document = JsonDocument.Parse(record.Record);
        return document.RootElement.Clone();
    }
}
