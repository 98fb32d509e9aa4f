using System.ComponentModel.DataAnnotations;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Limits on a model package, whether copied from a run, a logged model or another version, or uploaded
/// (<c>Registry:Packages</c>). An upload is also refused once its body passes <see cref="MaxBytes"/>; an archive
/// is measured by the bytes it actually decompresses to, never by what its headers claim.
/// </summary>
public sealed class RegistryPackageOptions
{
    public const string SectionName = "Registry:Packages";

    /// <summary>The most files a version may hold. Default <see cref="RegistryLimits.PackageMaxFiles"/>.</summary>
    [Range(1, 1_000_000)]
    public int MaxFiles { get; set; } = RegistryLimits.PackageMaxFiles;

    /// <summary>The most bytes a version's files may hold in total. Default <see cref="RegistryLimits.PackageMaxBytes"/>.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = RegistryLimits.PackageMaxBytes;
}
