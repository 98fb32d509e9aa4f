using Microsoft.ML.OnnxRuntime;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// The process's one ONNX Runtime environment, with global intra-op and inter-op thread pools so that many loaded models
/// share the cores instead of each starting a pool of its own (serving spec §4.5). ONNX Runtime allows one environment per
/// process, created before any session, so everything that opens a session calls <see cref="EnsureCreated"/> first. If
/// something else created the environment earlier, sessions fall back to small per-session pools.
/// </summary>
internal static class OnnxEnvironment
{
    private static readonly Lazy<bool> GlobalPools = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether sessions can use the global thread pools (the environment was created here).</summary>
    public static bool HasGlobalThreadPools => GlobalPools.Value;

    public static void EnsureCreated() => _ = GlobalPools.Value;

    /// <summary>
    /// Options for a serving session: full graph optimizations, sequential execution, the global pools with spinning
    /// off (idle models must not burn CPU), or one intra-op thread per session when the pools are not there.
    /// </summary>
    public static SessionOptions ServingSessionOptions()
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            if (HasGlobalThreadPools)
            {
                options.DisablePerSessionThreads();
            }
            else
            {
                options.IntraOpNumThreads = 1;
                options.InterOpNumThreads = 1;
            }

            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static bool Create()
    {
        if (OrtEnv.IsCreated)
        {
            return false;
        }

        using var threading = new OrtThreadingOptions
        {
            // One: each Run executes on the thread that calls it. Parallelism comes from the scheduler's executors
            // (one per core by default), which suits the small tabular models served here (serving spec §4.5: an
            // artefact under 50 MB runs intra-op 1, executors = cores) and saves a thread hand-off per call.
            GlobalIntraOpNumThreads = 1,
            GlobalInterOpNumThreads = 1,
            GlobalSpinControl = false,
        };
        var options = new EnvironmentCreationOptions
        {
            logId = "slipway",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            threadOptions = threading,
        };
        try
        {
            OrtEnv.CreateInstanceWithOptions(ref options);
            return true;
        }
        catch (OnnxRuntimeException) when (OrtEnv.IsCreated)
        {
            // Created between the check and here by code that did not come through this class.
            return false;
        }
    }
}
