using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Hosting;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Routing;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Scheduling;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Inference;

/// <summary>
/// One pipeline for the three protocols (serving spec §0): find the deployment, check the media type and body size,
/// pick the route (explicit version, sticky key or weight), get its version (lazily loaded if need be), decode and
/// validate against that version's signature, admit (token bucket, quota, tier share: §6.2), queue on the version's
/// scheduler with the request's deadline, answer in the protocol's shape with the metadata headers (§7.1), copy to
/// sampled shadows, and hand one record per request to the prediction log. Rejections before the queue leave
/// nothing behind but their log record and metrics.
/// </summary>
public sealed partial class InferenceHandler(
    DeploymentRouter router,
    ModelHost host,
    AdmissionController admission,
    CallerLimitsSource limits,
    PredictionLog log,
    ServingMetrics metrics,
    AccessEvaluator access,
    TimeProvider time,
    ILogger<InferenceHandler> logger)
{
    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex RequestIdPattern();

    public async Task HandleAsync(HttpContext context, InferenceProtocol protocol, string deploymentName, string? version)
    {
        var admitted = time.GetTimestamp();
        var requestId = RequestId(context);
        var predictionId = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        var principal = context.Features.Get<SlipwayPrincipal>()!;
        var db = context.RequestServices.GetRequiredService<SlipwayDbContext>();
        var cancellationToken = context.RequestAborted;
        context.Response.Headers["X-Request-Id"] = requestId;
        var call = new Call(protocol, deploymentName, requestId, predictionId, time.GetUtcNow(), principal) { Started = admitted };

        var state = await InferenceEndpoints.FindAsync(context, router, access, deploymentName, Permission.Use);
        if (state is null)
        {
            await WriteErrorAsync(context, call, new ServingError(404, ServingErrorCodes.ModelNotFound, $"Deployment '{deploymentName}' does not exist."));
            return;
        }

        var settings = state.Settings;
        call.Workspace = state.WorkspaceId;
        call.SamplePercent = settings.LogSamplePercent;
        var caller = await limits.ForAsync(principal, db, cancellationToken);
        var (tier, tierError) = TierResolver.Resolve(caller, RequestedTier(context));
        call.Tier = tier;
        context.Response.Headers["X-Slipway-Tier"] = tier.Name();
        if (tierError is not null)
        {
            await FinishRejectedAsync(context, call, tierError);
            return;
        }

        // A caller already over its own rate or daily request quota is refused before its body is read or parsed.
        if (admission.Precheck(caller, tier, state.Name) is { } early)
        {
            WriteRateLimitHeaders(context, early.RateLimit);
            await FinishRejectedAsync(context, call, early.Error!);
            return;
        }

        if (MediaTypes.Check(context.Request.ContentType, protocol == InferenceProtocol.Mlflow, out var mediaType) is { } mediaError)
        {
            await FinishRejectedAsync(context, call, mediaError);
            return;
        }

        var body = await RequestBody.ReadAsync(context, settings.MaxRequestBytes, cancellationToken);
        if (body.Error is not null)
        {
            await FinishRejectedAsync(context, call, body.Error);
            return;
        }

        var isCsv = mediaType == RequestMediaType.Csv;
        var options = new DecodeOptions(settings.Strict, settings.AllowNonFinite, settings.MaxRowsPerRequest, StickyJsonField: settings.StickyJsonField);

        // The route: an explicit version, else a sticky key (header, or a JSON field read with the first primary's signature), else weight.
        var table = state.Table;
        var explicitVersion = version ?? context.Request.Headers["X-Slipway-Target-Version"].FirstOrDefault();
        RoutePick? pick;
        DecodeResult? decoded = null;
        ModelSchema? decodedWith = null;
        HostedVersion? hosted;
        if (explicitVersion is not null)
        {
            var direct = await DirectAsync(context, state, table, explicitVersion, principal, db);
            if (direct.Error is not null)
            {
                await FinishRejectedAsync(context, call, direct.Error);
                return;
            }

            pick = direct.Pick!;
        }
        else
        {
            var key = context.Request.Headers[settings.StickyHeader].FirstOrDefault();
            if (string.IsNullOrEmpty(key) && settings.StickyJsonField is not null && table.Primaries.FirstOrDefault() is { } first
                && host.TryGetReady(first.Key) is { } firstVersion)
            {
                decoded = Decode(protocol, isCsv, body.Bytes, firstVersion.Schema, options);
                decodedWith = firstVersion.Schema;
                key = decoded.Request?.StickyKey;
            }

            pick = table.Pick(string.IsNullOrEmpty(key) ? null : key, r => host.Describe(r.Key).State != VersionState.Failed || r.KeepWarm, Random.Shared);
            if (pick is null)
            {
                await FinishRejectedAsync(context, call, new ServingError(503, ServingErrorCodes.ModelNotReady,
                    $"Deployment '{deploymentName}' has no ready route yet; its versions are loading or failed (see GET /api/v1/deployments/{deploymentName}).") { RetryAfterSeconds = 5 });
                return;
            }
        }

        call.Pick = pick;
        var (acquired, acquireError) = await host.AcquireAsync(pick.Route.Key, pick.Route.ModelName, SchedulerPlans.For(settings), settings.ColdStartWait, cancellationToken);
        if (acquired is null)
        {
            await FinishRejectedAsync(context, call, acquireError!);
            return;
        }

        hosted = acquired;
        call.Version = hosted;
        // The deadline runs from here: a wait for a lazy load is not the request's own time (serving spec §5).
        var ready = time.GetTimestamp();
        if (decoded is null || !ReferenceEquals(decodedWith, hosted.Schema))
        {
            decoded = Decode(protocol, isCsv, body.Bytes, hosted.Schema, options);
        }

        // An OIP priority changes the tier before admission, so that the tier's share is the one charged.
        if (decoded.Request?.Priority is { } priority && Tiers.FromPriority(priority) is { } asked)
        {
            var (raised, raiseError) = TierResolver.Resolve(caller, asked);
            if (raiseError is not null)
            {
                await FinishRejectedAsync(context, call, raiseError);
                return;
            }

            tier = raised;
            call.Tier = tier;
            context.Response.Headers["X-Slipway-Tier"] = tier.Name();
        }

        var rows = decoded.Request?.Rows ?? 0;
        using var admit = admission.TryAdmit(caller, tier, state.Name, state.WorkspaceId, settings.Shares, Math.Max(rows, 1));
        WriteRateLimitHeaders(context, admit.RateLimit);

        if (!admit.Admitted)
        {
            await FinishRejectedAsync(context, call, admit.Error!);
            return;
        }

        if (decoded.Error is not null)
        {
            admit.Refund();
            metrics.ValidationFailures.WithLabels(hosted.Info.ModelName, Label(hosted.Key.Version), decoded.Error.Code).Inc();
            await FinishRejectedAsync(context, call, decoded.Error);
            return;
        }

        var request = decoded.Request!;
        call.Rows = request.Rows;
        call.Input = request;
        var deadlineMs = (double)settings.DeadlineMs;
        if (request.TimeoutMicros is { } micros && micros > 0)
        {
            deadlineMs = Math.Min(deadlineMs, micros / 1000.0);
        }

        var deadline = ready + (long)(deadlineMs / 1000 * time.TimestampFrequency);
        WorkResult result;
        using (var activity = ServingTelemetry.ActivitySource.StartActivity("inference"))
        {
            activity?.SetTag("slipway.deployment", state.Name);
            activity?.SetTag("slipway.model", hosted.Info.ModelName);
            activity?.SetTag("slipway.version", hosted.Key.Version);
            activity?.SetTag("slipway.route", pick.Route.Id);
            result = await hosted.Scheduler.SubmitAsync(new WorkItem(request.Batch, tier, caller.CallerKey, deadline, false, cancellationToken) { Deployment = state.Name });

            activity?.SetTag("slipway.code", result.Error?.Code ?? "OK");
        }

        call.Result = result;
        if (result.Error is not null)
        {
            if (RejectionReason(result.Error.Code) is not null)
            {
                // Refused by the scheduler (queue full, shed, deadline, not serving): the request never ran.
                admit.Refund();
            }

            await FinishRejectedAsync(context, call, result.Error);
            return;
        }

        StartShadows(state, table, call, body.Bytes, isCsv, options);
        await WriteSuccessAsync(context, call, request, result.Outputs!);
        Finish(call, 200, null);
    }

    private async Task<(RoutePick? Pick, ServingError? Error)> DirectAsync(
        HttpContext context, DeploymentState state, RoutingTable table, string text, SlipwayPrincipal principal, SlipwayDbContext db)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return (null, ServingError.Invalid(ServingErrorCodes.VersionNotFound, $"'{text}' is not a version number.", "version") with { Status = 404 });
        }

        // Calling a version directly bypasses the weights: it needs EDIT on the deployment (serving spec §3.4).
        var level = await access.LevelAsync(principal, state.WorkspaceId, ResourceTypes.Deployment, state.Id.ToString(CultureInfo.InvariantCulture), db, context.RequestAborted);
        if (principal.Cap(level) is not { } granted || granted < Permission.Edit)
        {
            return (null, new ServingError(403, ServingErrorCodes.Forbidden, $"Calling a version of '{state.Name}' directly needs EDIT on the deployment; call it without a version to be routed."));
        }

        var route = table.All.FirstOrDefault(r => r.Key.Version == number && !r.IsShadow) ?? table.All.FirstOrDefault(r => r.Key.Version == number);
        if (route is null)
        {
            var model = table.Primaries.FirstOrDefault() ?? table.Shadows.FirstOrDefault();
            if (model is null || !await VersionExistsAsync(db, model.Key.ModelId, number, context.RequestAborted))
            {
                return (null, new ServingError(404, ServingErrorCodes.VersionNotFound, $"Deployment '{state.Name}' has no version {number}."));
            }

            route = model with { Key = new VersionKey(model.Key.ModelId, number), Alias = null };
        }

        return (new RoutePick(route with { Role = RouteRoles.Direct }, RouteSelection.Explicit, null), null);
    }

    private static Task<bool> VersionExistsAsync(SlipwayDbContext db, long modelId, int version, CancellationToken cancellationToken) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.ModelVersions, v => v.RegisteredModelId == modelId && v.Version == version && !v.Deleted && !v.UnsafeFormat
                && v.ArchivedAt == null && v.Status == "READY", cancellationToken);

    private static DecodeResult Decode(InferenceProtocol protocol, bool csv, ReadOnlyMemory<byte> body, ModelSchema schema, DecodeOptions options) => protocol switch
    {
        InferenceProtocol.V2 => OipRequestReader.Read(body.Span, schema, options),
        InferenceProtocol.V1 => V1RequestReader.Read(body.Span, schema, options),
        _ => csv ? MlflowRequestReader.ReadCsv(body.Span, schema, options) : MlflowRequestReader.ReadJson(body.Span, schema, options),
    };

    private async Task WriteSuccessAsync(HttpContext context, Call call, DecodedRequest request, IReadOnlyList<Tensor> outputs)
    {
        var version = call.Version!;
        var headers = context.Response.Headers;
        headers["X-Slipway-Deployment"] = call.Deployment;
        headers["X-Slipway-Model"] = version.Info.ModelName;
        headers["X-Slipway-Model-Version"] = Label(version.Key.Version);
        headers["X-Slipway-Prediction-Id"] = call.PredictionId;
        headers["X-Slipway-Route"] = call.Pick!.Route.Id;
        if (request.IgnoredInputs.Count > 0)
        {
            // At most 10 names (serving spec §2.2), so that a body with many stray keys cannot inflate the header.
            headers["X-Slipway-Ignored-Inputs"] = string.Join(',', request.IgnoredInputs.Take(10))
                + (request.IgnoredInputs.Count > 10 ? $",…(+{request.IgnoredInputs.Count - 10})" : "");
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var serialize = time.GetTimestamp();
        var info = new ResponseInfo(call.Deployment, Label(version.Key.Version), request.ClientId ?? call.RequestId, call.PredictionId, call.Pick.Route.Id);
        await ResponseBodies.WriteAsync(context.Response, call.Protocol, info, outputs, request.RequestedOutputs, context.RequestAborted);
        metrics.StageDuration.WithLabels(version.Info.ModelName, Label(version.Key.Version), "serialize").Observe(time.GetElapsedTime(serialize).TotalSeconds);
    }

    private async Task FinishRejectedAsync(HttpContext context, Call call, ServingError error)
    {
        await WriteErrorAsync(context, call, error);
        Finish(call, error.Status, error);
    }

    private static async Task WriteErrorAsync(HttpContext context, Call call, ServingError error)
    {
        context.Response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } retry && error.Status is 429 or 503)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, retry).ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await ResponseBodies.WriteErrorAsync(context.Response, call.Protocol, error, call.RequestId, context.RequestAborted);
    }

    private static Tier? RequestedTier(HttpContext context)
    {
        var text = context.Request.Headers["X-Slipway-Priority"].FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Tiers.Parse(text.Trim().ToLowerInvariant())
            ?? (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? Tiers.FromPriority(number) : null);
    }

    private static string RequestId(HttpContext context)
    {
        var given = context.Request.Headers["X-Request-Id"].FirstOrDefault();
        return given is not null && RequestIdPattern().IsMatch(given) ? given : Guid.CreateVersion7().ToString("N");
    }

    private static void WriteRateLimitHeaders(HttpContext context, RateLimitState? rate)
    {
        if (rate is not null)
        {
            context.Response.Headers["RateLimit-Limit"] = rate.Limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Remaining"] = rate.Remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["RateLimit-Reset"] = rate.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string Label(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>What is known about a request as it goes through the pipeline.</summary>
    private sealed record Call(InferenceProtocol Protocol, string Deployment, string RequestId, string PredictionId, DateTimeOffset At, SlipwayPrincipal Principal)
    {
        public required long Started { get; init; }

        public long? Workspace { get; set; }

        public Tier Tier { get; set; } = Tier.Standard;

        public double SamplePercent { get; set; } = 100;

        public RoutePick? Pick { get; set; }

        public HostedVersion? Version { get; set; }

        public DecodedRequest? Input { get; set; }

        public WorkResult? Result { get; set; }

        public int Rows { get; set; }
    }
}
