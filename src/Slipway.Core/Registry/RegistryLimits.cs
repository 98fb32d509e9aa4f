namespace Slipway.Core.Registry;

/// <summary>The registry limits of mlflow-rest.md §1.7.</summary>
public static class RegistryLimits
{
    public const int NameLength = 256;
    public const int TagValueLength = 100_000;
    public const int AliasLength = 255;
    public const int SourceLength = 2000;
}
