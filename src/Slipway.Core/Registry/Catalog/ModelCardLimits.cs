namespace Slipway.Core.Registry.Catalog;

/// <summary>The size limits of a model card's fields.</summary>
public static class ModelCardLimits
{
    public const int ProseLength = 10_000;
    public const int TextLength = 100_000;
    public const int LicenseLength = 256;
    public const int OwnerLength = 256;
    public const int Owners = 50;
    public const int Datasets = 50;
    public const int DatasetFieldLength = 1000;
    public const int Metrics = 200;
}
