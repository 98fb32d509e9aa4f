using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// TEMPORARY (storage branch): a stand-in for the real <see cref="IModelPackageInspector"/>, which the inspect
/// branch implements. It recognizes nothing. The lead removes this file and its TryAddScoped line in
/// <see cref="RegistryServiceCollectionExtensions"/> when merging the real inspector.
/// </summary>
internal sealed class TemporaryPackageInspector : IModelPackageInspector
{
    public Task<Result<PackageInfo>> InspectAsync(string directory, CancellationToken cancellationToken) =>
        Task.FromResult<Result<PackageInfo>>(new PackageInfo("unknown", null, null, null, null, false, []));
}
