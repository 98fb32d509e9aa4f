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

/// <summary>The pipeline's shadow copies (serving spec §3.5).</summary>
public sealed partial class InferenceHandler
{
    /// <summary>
    /// Shadow copies (serving spec §3.5): each shadow samples independently, reuses the validated input when its
    /// signature is the same, runs as <c>sheddable</c> with its own deadline, outside the caller's limits, and is only
    /// logged. A shadow whose version is not loaded starts its load and skips this copy.
    /// </summary>
    private void StartShadows(DeploymentState state, RoutingTable table, Call call, ReadOnlyMemory<byte> body, bool csv, DecodeOptions options)
    {
        foreach (var shadow in table.Shadows)
        {
            if (!RoutingTable.Sampled(shadow, Random.Shared))
            {
                continue;
            }

            var versionLabel = Label(shadow.Key.Version);
            var target = host.TryGetReady(shadow.Key);
            if (target is null)
            {
                _ = host.AcquireAsync(shadow.Key, shadow.ModelName, SchedulerPlans.For(state.Settings), wait: false, CancellationToken.None).AsTask();
                metrics.ShadowRequests.WithLabels(state.Name, versionLabel, "not_loaded").Inc();
                continue;
            }

            var input = ReferenceEquals(target.Schema, call.Version!.Schema) ? call.Input! : Decode(call.Protocol, csv, body, target.Schema, options).Request;
            if (input is null)
            {
                metrics.ShadowRequests.WithLabels(state.Name, versionLabel, "invalid").Inc();
                continue;
            }

            var started = time.GetTimestamp();
            var deadline = started + (long)(state.Settings.DeadlineMs / 1000.0 * time.TimestampFrequency);
            _ = Task.Run(async () =>
            {
                WorkResult result;
                try
                {
                    result = await target.Scheduler.SubmitAsync(new WorkItem(input.Batch, Tier.Sheddable, "shadow", deadline, true, CancellationToken.None) { Deployment = state.Name });
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    LogShadowFailed(logger, e, state.Name, shadow.Id);
                    metrics.ShadowRequests.WithLabels(state.Name, versionLabel, "error").Inc();
                    return;
                }

                metrics.ShadowRequests.WithLabels(state.Name, versionLabel, result.Error is null ? "ok" : result.Error.Code.ToLowerInvariant()).Inc();
                var entry = Entry(call with { Pick = new RoutePick(shadow, RouteSelection.Weight, null), Version = target, Result = result, Input = input }, result.Error is null ? 200 : result.Error.Status, result.Error, started);
                log.Write(entry);
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shadow copy for deployment '{Deployment}' route '{Route}' failed")]
    private static partial void LogShadowFailed(ILogger logger, Exception exception, string deployment, string route);
}
