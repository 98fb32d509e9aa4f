using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// One validated request for a version's scheduler: its input, tier, caller (its fair-share sub-queue), deadline as a
/// <see cref="TimeProvider"/> timestamp (<see cref="long.MaxValue"/> for none; see <see cref="DeadlineAfter"/>),
/// whether it is a shadow copy (shed first, spec §6.4), and the caller's cancellation, which removes it while queued.
/// <see cref="Deployment"/> labels its rejections in <c>slipway_requests_rejected_total</c>.
/// </summary>
public sealed record WorkItem(
    InferenceBatch Input, Tier Tier, string CallerKey, long DeadlineTimestamp, bool IsShadow = false, CancellationToken CancellationToken = default)
{
    public string Deployment { get; init; } = "";

    /// <summary>The timestamp <paramref name="timeout"/> from now on <paramref name="time"/>'s clock.</summary>
    public static long DeadlineAfter(TimeProvider time, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(time);
        return time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
    }
}
