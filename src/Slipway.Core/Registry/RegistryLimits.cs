namespace Slipway.Core.Registry;

/// <summary>The registry limits of mlflow-rest.md §1.7.</summary>
public static class RegistryLimits
{
    public const int NameLength = 256;
    public const int TagValueLength = 100_000;
    public const int AliasLength = 255;
    public const int SourceLength = 2000;

    /// <summary>The longest description of a registered model or a version, in characters (both APIs).</summary>
    public const int DescriptionLength = 65_536;

    /// <summary>registered-models/search page sizes (mlflow-rest.md §6.6): 100 when absent, above 1 000 is 400.</summary>
    public const int ModelsSearchDefaultMaxResults = 100;
    public const int ModelsSearchMaxResults = 1000;

    /// <summary>model-versions/search serves up to 200 000 a page, also when max_results is absent (the client sends 10 000).</summary>
    public const int VersionsSearchMaxResults = 200_000;

    /// <summary>Default <c>Registry:Packages:MaxFiles</c>: the most files one version may hold.</summary>
    public const int PackageMaxFiles = 10_000;

    /// <summary>Default <c>Registry:Packages:MaxBytes</c>: the most bytes one version's files may hold (10 GiB).</summary>
    public const long PackageMaxBytes = 10L * 1024 * 1024 * 1024;
}
