using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Storage;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Scheduling;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Hosting;

/// <summary>
/// The versions resident in this server (serving spec §5). Loads are single-flight per version and run in the
/// background under the server's lifetime, never a request's: verify the files' digests, load with the runtime
/// that serves the flavor, warm up at batch 1 and <c>max_batch_size</c> (which also checks that batching leaves the
/// first row's answer unchanged), then Ready. The router pins the versions it keeps warm and tells the host how long
/// the others may idle; <see cref="SweepAsync"/> unloads idle, replaced and over-budget versions, least recently
/// used first, draining each before its engine is disposed.
/// </summary>
public sealed partial class ModelHost(
    IServiceScopeFactory scopes,
    IEnumerable<IModelRuntime> runtimes,
    ServingMetrics metrics,
    IOptions<ServingOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<VersionKey, HostedVersion> ready = new();
    private readonly ConcurrentDictionary<VersionKey, LoadSlot> loading = new();
    private readonly ConcurrentDictionary<VersionKey, Failure> failures = new();
    private readonly ConcurrentDictionary<VersionKey, List<long>> loadHistory = new();
    private readonly ConcurrentDictionary<VersionKey, long> replacedAt = new();
    private readonly IReadOnlyList<IModelRuntime> engines = [.. runtimes];
    private readonly ILogger logger = loggers.CreateLogger<ModelHost>();
    private volatile HostPolicy policy = HostPolicy.Empty;

    private ServingOptions Settings => options.Value;

    /// <summary>Versions currently Ready.</summary>
    public IReadOnlyCollection<HostedVersion> Loaded => [.. ready.Values];

    /// <summary>The version if it is Ready now, touched as used.</summary>
    public HostedVersion? TryGetReady(VersionKey key)
    {
        if (ready.TryGetValue(key, out var version) && version.State == VersionState.Ready)
        {
            version.Touch(time.GetTimestamp());
            return version;
        }

        return null;
    }

    /// <summary>The state a route reports for a version on this replica, and the last load failure.</summary>
    public (VersionState? State, string? Reason) Describe(VersionKey key)
    {
        if (ready.TryGetValue(key, out var version))
        {
            return (version.State, null);
        }

        if (loading.TryGetValue(key, out var slot))
        {
            return (slot.State, null);
        }

        return failures.TryGetValue(key, out var failure) ? (VersionState.Failed, failure.Reason) : (null, null);
    }

    /// <summary>
    /// Loads the version (or joins the load in progress) and waits for it. Used by the router for eager loads and
    /// switches; failures are answered as a reason, the version stays unloaded.
    /// </summary>
    public async Task<LoadOutcome> LoadAsync(VersionKey key, SchedulerOptions scheduling, CancellationToken cancellationToken)
    {
        if (TryGetReady(key) is { } loaded)
        {
            return new LoadOutcome(loaded, null);
        }

        var slot = StartLoad(key, scheduling, retryFailed: true);
        try
        {
            return new LoadOutcome(await slot.Task.WaitAsync(cancellationToken), null);
        }
        catch (ModelLoadException e)
        {
            return new LoadOutcome(null, e.Message);
        }
    }

    /// <summary>
    /// The version for a request: Ready at once, or a lazy single-flight load that the request waits for up to the
    /// cold-start timeout (serving spec §5), unless <paramref name="wait"/> is false or too many already wait; then 503
    /// <c>MODEL_LOADING</c> with the estimated remaining load time. A version that failed to load recently answers 503
    /// <c>MODEL_NOT_READY</c> with the reason.
    /// </summary>
    public async ValueTask<(HostedVersion? Version, ServingError? Error)> AcquireAsync(
        VersionKey key, string modelName, SchedulerOptions scheduling, bool wait, CancellationToken cancellationToken)
    {
        if (TryGetReady(key) is { } loaded)
        {
            return (loaded, null);
        }

        if (failures.TryGetValue(key, out var failure) && time.GetElapsedTime(failure.At) < TimeSpan.FromSeconds(Settings.SwitchRetryMinSeconds))
        {
            return (null, NotReady(modelName, key.Version, failure.Reason));
        }

        var slot = StartLoad(key, scheduling, retryFailed: true);
        if (!wait || Interlocked.Increment(ref slot.Waiters) > Settings.MaxColdWaiters)
        {
            if (wait)
            {
                Interlocked.Decrement(ref slot.Waiters);
            }

            return (null, Loading(modelName, key.Version, slot));
        }

        var started = time.GetTimestamp();
        try
        {
            var version = await slot.Task.WaitAsync(TimeSpan.FromSeconds(Settings.ColdStartTimeoutSeconds), time, cancellationToken);
            version.Touch(time.GetTimestamp());
            return (version, null);
        }
        catch (TimeoutException)
        {
            return (null, Loading(modelName, key.Version, slot));
        }
        catch (ModelLoadException e)
        {
            return (null, NotReady(modelName, key.Version, e.Message));
        }
        finally
        {
            Interlocked.Decrement(ref slot.Waiters);
            metrics.ColdStartWait.WithLabels(modelName).Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The reason stays in the deployment's status (READ) and the log; callers with USE only learn that it failed.</summary>
    private static ServingError NotReady(string model, int version, string reason) =>
        new(503, ServingErrorCodes.ModelNotReady, $"Model '{model}' version {version} failed to load and is not serving; its deployment's status says why.") { RetryAfterSeconds = 5 };

    private ServingError Loading(string model, int version, LoadSlot slot)
    {
        // The estimate is what the last load of this version took, less what this one has already run; 1–30 s.
        var elapsed = time.GetElapsedTime(slot.Started).TotalSeconds;
        var remaining = Math.Clamp((int)Math.Ceiling(slot.EstimatedSeconds - elapsed), 1, 30);
        return new ServingError(503, ServingErrorCodes.ModelLoading, $"Model '{model}' version {version} is loading; retry shortly.") { RetryAfterSeconds = remaining };
    }

    private LoadSlot StartLoad(VersionKey key, SchedulerOptions scheduling, bool retryFailed)
    {
        while (true)
        {
            if (loading.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var slot = new LoadSlot(time.GetTimestamp(), EstimateSeconds(key));
            if (!loading.TryAdd(key, slot))
            {
                continue;
            }

            if (retryFailed)
            {
                failures.TryRemove(key, out _);
            }

            // The load runs under the server's lifetime: a request giving up does not cancel it.
            slot.Task = Task.Run(() => LoadAndPublishAsync(key, slot, scheduling, lifetime.ApplicationStopping));
            return slot;
        }
    }

    private async Task<HostedVersion> LoadAndPublishAsync(VersionKey key, LoadSlot slot, SchedulerOptions scheduling, CancellationToken cancellationToken)
    {
        try
        {
            var version = await LoadCoreAsync(key, slot, scheduling, cancellationToken);
            ready[key] = version;
            RecordLoad(key);
            return version;
        }
        catch (Exception e) when (e is not ModelLoadException)
        {
            var reason = e is OperationCanceledException or TimeoutException ? "the load timed out or the server is stopping" : "an unexpected error occurred while loading (see the server log)";
            LogLoadCrashed(logger, e, key.ModelId, key.Version);
            failures[key] = new Failure(reason, time.GetTimestamp());
            throw new ModelLoadException(reason, e);
        }
        catch (ModelLoadException e)
        {
            failures[key] = new Failure(e.Message, time.GetTimestamp());
            throw;
        }
        finally
        {
            loading.TryRemove(key, out _);
        }
    }

    private async Task<HostedVersion> LoadCoreAsync(VersionKey key, LoadSlot slot, SchedulerOptions scheduling, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var row = await db.ModelVersions.AsNoTracking()
            .Where(v => v.RegisteredModelId == key.ModelId && v.Version == key.Version)
            .Join(db.RegisteredModels.AsNoTracking(), v => v.RegisteredModelId, m => m.Id, (v, m) => new { Version = v, m.Name, m.WorkspaceId })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new ModelLoadException($"version {key.Version} of model {key.ModelId} does not exist");
        var name = row.Name;
        var labels = (name, key.Version.ToString(CultureInfo.InvariantCulture));
        SetState(labels, VersionState.Loading);
        LogLoading(logger, name, key.Version);
        try
        {
            if (row.Version.Deleted || row.Version.FilesDeletedAt is not null)
            {
                throw new ModelLoadException($"version {key.Version} of '{name}' is deleted or its files are gone");
            }

            if (row.Version.UnsafeFormat)
            {
                throw new ModelLoadException($"version {key.Version} of '{name}' can only be loaded by running code (unsafe_format); it is never loaded");
            }

            var stored = await scope.ServiceProvider.GetRequiredService<StoredVersions>().FindAsync(key.ModelId, key.Version, cancellationToken);
            if (!stored.IsSuccess)
            {
                throw new ModelLoadException(stored.Error!.Message);
            }

            var reader = scope.ServiceProvider.GetRequiredService<ModelPackageReader>();
            var materialized = await reader.MaterializeAsync(stored.Value!, "load", cancellationToken);
            if (!materialized.IsSuccess)
            {
                throw new ModelLoadException(materialized.Error!.Message);
            }

            using var package = materialized.Value!;
            var v = row.Version;
            var modelPackage = new ModelPackage(package.Path, name, key.Version, v.PackageFormat, v.Flavor, v.Flavors, v.Signature, v.InputExamplePath);
            var engine = engines.FirstOrDefault(r => r.CanLoad(modelPackage))
                ?? throw new ModelLoadException($"no runtime serves version {key.Version} of '{name}' (format '{v.PackageFormat}', flavor '{v.Flavor}'); Slipway serves onnx and mlnet");
            MakeRoom(name, key.Version, package.TotalBytes * 2);

            var before = ProcessMemory.ResidentBytes();
            var loadTask = Task.Run(() => engine.Load(modelPackage, cancellationToken), cancellationToken);
            ILoadedModel model;
            try
            {
                model = new GuardedModel(await loadTask.WaitAsync(TimeSpan.FromSeconds(Settings.LoadTimeoutSeconds), time, cancellationToken));
            }
            catch (TimeoutException)
            {
                // The engine may still finish loading: dispose what it makes rather than leak it.
                _ = DisposeWhenLoadedAsync(loadTask);
                throw new ModelLoadException($"loading version {key.Version} of '{name}' took longer than {Settings.LoadTimeoutSeconds} s (Serving:LoadTimeoutSeconds)");
            }

            try
            {
                SetState(labels, VersionState.Warming);
                slot.State = VersionState.Warming;
                LogWarming(logger, name, key.Version);
                var example = v.InputExamplePath is null ? null : package.FullPath(v.InputExamplePath);
                var batchingHolds = await Task.Run(() => Warmup.Run(model, scheduling.MaxBatchSize, example, cancellationToken), cancellationToken)
                    .WaitAsync(TimeSpan.FromSeconds(Settings.WarmupTimeoutSeconds), time, cancellationToken);
                if (!batchingHolds && scheduling.BatchingEnabled)
                {
                    LogBatchingDisabled(logger, name, key.Version);
                    scheduling = scheduling with { BatchingEnabled = false };
                }

                var footprint = Math.Max(0, ProcessMemory.ResidentBytes() - before);
                var info = new VersionInfo(name, key.Version, row.WorkspaceId, engine.Flavor, VersionDigests.Artifact(stored.Value!), VersionDigests.Signature(v.Signature), model.Platform);
                var scheduler = new VersionScheduler(model, scheduling, time, metrics, name, key.Version.ToString(CultureInfo.InvariantCulture), loggers.CreateLogger<VersionScheduler>());
                var hosted = new HostedVersion(key, info, model, scheduler, footprint, time.GetTimestamp());
                var seconds = time.GetElapsedTime(started).TotalSeconds;
                metrics.ModelLoadDuration.WithLabels(name, "ok").Observe(seconds);
                metrics.ModelLoads.WithLabels("ok").Inc();
                metrics.ModelMemory.WithLabels(labels.name, labels.Item2).Set(footprint);
                SetState(labels, VersionState.Ready);
                LogReady(logger, name, key.Version, seconds * 1000, footprint);
                return hosted;
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        catch (Exception e)
        {
            metrics.ModelLoadDuration.WithLabels(name, "failed").Observe(time.GetElapsedTime(started).TotalSeconds);
            metrics.ModelLoads.WithLabels("failed").Inc();
            SetState(labels, VersionState.Failed);
            LogLoadFailed(logger, name, key.Version, e is ModelLoadException ? e.Message : e.GetType().Name);
            throw;
        }
    }

    private static async Task DisposeWhenLoadedAsync(Task<ILoadedModel> load)
    {
        try
        {
            (await load).Dispose();
        }
        catch (Exception e) when (e is ModelLoadException or OperationCanceledException)
        {
            // It failed after all: nothing to dispose.
        }
    }

    private void SetState((string Model, string Version) labels, VersionState state)
    {
        foreach (var each in Enum.GetValues<VersionState>())
        {
            metrics.ModelState.WithLabels(labels.Model, labels.Version, StateName(each)).Set(each == state ? 1 : 0);
        }
    }

    public static string StateName(VersionState state) => state.ToString().ToLowerInvariant();

    private double EstimateSeconds(VersionKey key) =>
        loadHistory.TryGetValue(key, out _) ? 2 : 5;

    private void RecordLoad(VersionKey key)
    {
        var history = loadHistory.GetOrAdd(key, _ => []);
        lock (history)
        {
            var now = time.GetTimestamp();
            history.RemoveAll(t => time.GetElapsedTime(t, now) > TimeSpan.FromHours(1));
            history.Add(now);
        }
    }

    private sealed record Failure(string Reason, long At);

    private sealed class LoadSlot(long started, double estimatedSeconds)
    {
        public int Waiters;

        public long Started { get; } = started;

        public double EstimatedSeconds { get; } = estimatedSeconds;

        public VersionState State { get; set; } = VersionState.Loading;

        public Task<HostedVersion> Task { get; set; } = null!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading model '{Model}' version {Version}: verifying files and loading the engine")]
    private static partial void LogLoading(ILogger logger, string model, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warming up model '{Model}' version {Version}")]
    private static partial void LogWarming(ILogger logger, string model, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model '{Model}' version {Version} is ready (loaded and warmed in {Milliseconds:F0} ms, {Bytes} bytes resident)")]
    private static partial void LogReady(ILogger logger, string model, int version, double milliseconds, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model '{Model}' version {Version} failed to load: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string model, int version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading model {ModelId} version {Version} crashed")]
    private static partial void LogLoadCrashed(ILogger logger, Exception exception, long modelId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model '{Model}' version {Version} answers differently inside a batch; batching is off for it")]
    private static partial void LogBatchingDisabled(ILogger logger, string model, int version);
}

/// <summary>A finished load: the Ready version, or why it failed.</summary>
public sealed record LoadOutcome(HostedVersion? Version, string? FailureReason);
