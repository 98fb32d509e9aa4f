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

/// <summary>What every answered request leaves behind: metrics and one prediction record (serving spec §7, §8).</summary>
public sealed partial class InferenceHandler
{
    /// <summary>Metrics and the prediction log record of an answered request.</summary>
    private void Finish(Call call, int status, ServingError? error)
    {
        var version = call.Version;
        var model = version?.Info.ModelName ?? "";
        var versionLabel = version is null ? "" : Label(version.Key.Version);
        var role = call.Pick?.Route.Role ?? RouteRoles.Primary;
        var protocol = call.Protocol.Name();
        var elapsed = time.GetElapsedTime(call.Started).TotalSeconds;
        metrics.Requests.WithLabels(call.Deployment, model, versionLabel, protocol, role, call.Tier.Name(), error?.Code ?? "OK").Inc();
        metrics.RequestDuration.WithLabels(call.Deployment, model, versionLabel, protocol, role).Observe(elapsed);
        if (error is null)
        {
            metrics.Rows.WithLabels(call.Deployment, model, versionLabel, role).Inc(call.Rows);
        }
        else if (error.Code is ServingErrorCodes.ModelNotReady or ServingErrorCodes.ModelLoading)
        {
            // Admission and the scheduler count their own refusals; this is the one reason only the pipeline sees.
            metrics.Rejections.WithLabels(call.Deployment, call.Tier.Name(), "not_ready").Inc();
        }

        // Rejected by the caller's own limits or by overload before running: no prediction record (governance §8.7).
        if (error is not null && RejectionReason(error.Code) is not null)
        {
            return;
        }

        if (call.Workspace is not null)
        {
            log.Write(Entry(call, status, error, call.Started));
        }
    }

    private static string? RejectionReason(string code) => code switch
    {
        ServingErrorCodes.RateLimited => "rate_limited",
        ServingErrorCodes.QuotaExceeded => "quota",
        ServingErrorCodes.ConcurrencyLimited => "concurrency",
        ServingErrorCodes.QueueFull => "queue_full",
        ServingErrorCodes.Shed => "shed",
        ServingErrorCodes.DeadlineExceeded => "deadline",
        ServingErrorCodes.ModelNotReady or ServingErrorCodes.ModelLoading => "not_ready",
        _ => null,
    };

    private PredictionEntry Entry(Call call, int status, ServingError? error, long started)
    {
        var version = call.Version;
        return new PredictionEntry
        {
            PredictionId = call.PredictionId,
            RequestId = call.RequestId,
            TraceId = Activity.Current?.TraceId.ToString(),
            Timestamp = call.At,
            WorkspaceId = call.Workspace ?? call.Principal.WorkspaceId,
            Deployment = call.Deployment,
            RouteId = call.Pick?.Route.Id,
            Role = call.Pick?.Route.Role ?? RouteRoles.Primary,
            SelectedBy = call.Pick?.SelectedBy,
            KeyHash = call.Pick?.KeyHash,
            ModelName = version?.Info.ModelName ?? call.Pick?.Route.ModelName,
            Version = version?.Key.Version ?? call.Pick?.Route.Key.Version,
            Alias = call.Pick?.Route.Alias,
            Flavor = version?.Info.Flavor,
            ArtifactDigest = version?.Info.ArtifactDigest,
            SignatureDigest = version?.Info.SignatureDigest,
            Protocol = call.Protocol.Name(),
            Tier = call.Tier.Name(),
            Principal = call.Principal.TokenId is { } token ? "token:" + token.ToString(CultureInfo.InvariantCulture) : "user:" + call.Principal.UserId.ToString(CultureInfo.InvariantCulture),
            Rows = call.Rows,
            Inputs = call.Input?.Batch.Inputs,
            Outputs = call.Result?.Outputs,
            Params = call.Input?.Params,
            Status = error is null ? "ok" : status >= 500 && error.Code == ServingErrorCodes.InferenceFailed ? "error" : "rejected",
            HttpStatus = status,
            ErrorCode = error?.Code,
            QueueSeconds = call.Result?.QueueTime.TotalSeconds ?? 0,
            InferSeconds = call.Result?.InferTime.TotalSeconds ?? 0,
            TotalSeconds = time.GetElapsedTime(started).TotalSeconds,
            BatchRows = call.Result?.BatchRows ?? 0,
            BatchChunks = call.Result?.Chunks ?? 0,
            PayloadSamplePercent = call.SamplePercent,
        };
    }
}
