namespace Slipway.Core.Tracking;

/// <summary>Every size limit of the tracking API, as MLflow defines them (docs/configuration.md lists them).</summary>
public static class TrackingLimits
{
    public const int KeyLength = 250;
    public const int ParamValueLength = 6000;
    public const int RunTagValueLength = 8000;
    public const int ExperimentNameLength = 500;
    public const int ExperimentTagValueLength = 5000;
    public const int RunNameLength = 250;
    public const int BatchMetrics = 1000;
    public const int BatchParams = 100;
    public const int BatchTags = 100;
    public const int BatchEntities = 1000;
    public const int BatchBodyBytes = 1_000_000;
    public const int SearchMaxResults = 50_000;
    public const int SearchDefaultMaxResults = 1000;
    public const int DatasetNameLength = 500;
    public const int DatasetDigestLength = 36;
    public const int DatasetSourceLength = 65_535;
    public const int DatasetSchemaLength = 1_048_575;
    public const int DatasetProfileLength = 16_777_215;
    public const int InputTagKeyLength = 255;
    public const int InputTagValueLength = 500;
    public const int InputsPerCall = 1000;
    public const int LoggedModelsPageMax = 1000;
    public const int LoggedModelsDefaultMaxResults = 100;
    public const int LoggedModelTypeLength = 500;
    public const int UserIdLength = 256;
    public const int DatasetSourceTypeLength = 64;
    public const int ArtifactLocationLength = 1900;
    public const int SearchExperimentIds = 1000;
}
