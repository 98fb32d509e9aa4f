namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// What a deployment spec may ask for (docs/serving.md, "Limits"), and the defaults the serving plane applies to
/// fields a spec leaves out. Defaults are never written into stored specs, so changing one here changes every
/// deployment that did not choose.
/// </summary>
public static class DeploymentLimits
{
    public const int MaxRoutes = 32;
    public const int MaxWeight = 10_000;
    public const int DefaultWeight = 100;
    public const double DefaultShadowSamplePercent = 100;
    public const int MaxDescriptionLength = 1000;

    public const int MaxQueueMax = 100_000;
    public const int DefaultMaxQueue = 512;
    public const int DeadlineMsMax = 600_000;
    public const int DefaultDeadlineMs = 1000;
    public const long MaxRequestBytesMin = 1024;
    public const long MaxRequestBytesMax = 64L << 20;
    public const long DefaultMaxRequestBytes = 16L << 20;
    public const int MaxRowsPerRequestMax = 100_000;
    public const int DefaultMaxRowsPerRequest = 10_000;

    public const int MaxBatchSizeMax = 4096;
    public const int DefaultMaxBatchSize = 64;
    public const int MaxQueueDelayMsMax = 1000;
    public const int ExecutorsMax = 64;

    public const int MaxWaitMsMax = 600_000;
    public const int IdleUnloadAfterSecondsMin = 10;
    public const int DefaultIdleUnloadAfterSeconds = 1800;
    public const string ColdStartWait = "wait";
    public const string ColdStartReject = "reject";

    public const string RolePrimary = "primary";
    public const string RoleShadow = "shadow";
    public const string DefaultStickyHeader = "X-Slipway-Route-Key";
}
