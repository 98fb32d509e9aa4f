using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Scheduling;

namespace Slipway.Core.Serving.Hosting;

/// <summary>A registry version by model id and number.</summary>
public readonly record struct VersionKey(long ModelId, int Version);

/// <summary>Serving spec §5: only <see cref="Ready"/> serves.</summary>
public enum VersionState
{
    Loading,
    Warming,
    Ready,
    Draining,
    Unloaded,
    Failed,
}

/// <summary>What the registry says about a version being served: its name, flavor and digests (for responses and the prediction log).</summary>
public sealed record VersionInfo(string ModelName, int Version, long WorkspaceId, string Flavor, string ArtifactDigest, string SignatureDigest, string Platform);

/// <summary>
/// One version resident in the host: its engine, its scheduler and its bookkeeping (last use, footprint, pinning).
/// Requests hold a reference only while they run; unloading drains the scheduler before disposing the engine.
/// </summary>
public sealed class HostedVersion
{
    private long lastUsed;
    private int state;

    internal HostedVersion(VersionKey key, VersionInfo info, ILoadedModel model, VersionScheduler scheduler, long footprintBytes, long loadedAt)
    {
        Key = key;
        Info = info;
        Model = model;
        Scheduler = scheduler;
        FootprintBytes = footprintBytes;
        lastUsed = loadedAt;
        state = (int)VersionState.Ready;
    }

    public VersionKey Key { get; }

    public VersionInfo Info { get; }

    public ILoadedModel Model { get; }

    public VersionScheduler Scheduler { get; }

    public ModelSchema Schema => Model.Schema;

    /// <summary>Resident memory the load and warm-up added (RSS delta).</summary>
    public long FootprintBytes { get; }

    public VersionState State => (VersionState)Volatile.Read(ref state);

    public long LastUsedTimestamp => Interlocked.Read(ref lastUsed);

    public void Touch(long timestamp) => Interlocked.Exchange(ref lastUsed, timestamp);

    /// <summary>Moves Ready → Draining once; false when someone else already began unloading.</summary>
    internal bool TryBeginDrain() => Interlocked.CompareExchange(ref state, (int)VersionState.Draining, (int)VersionState.Ready) == (int)VersionState.Ready;

    internal void MarkUnloaded() => Volatile.Write(ref state, (int)VersionState.Unloaded);
}
