using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry;

/// <summary>A model's live versions, newest first, a page at a time (the native API's listing).</summary>
public sealed class ListModelVersions(SlipwayDbContext db, RegistryLoader loader)
{
    public const int MaxLimit = 100;

    public async Task<Result<SearchPage<ModelVersionView>>> HandleAsync(string? name, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = limit ?? MaxLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Error.Invalid($"'limit' must be between 1 and {MaxLimit}; got {size}.", "limit");
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        var fingerprint = PageToken.Fingerprint("model-versions-list", model.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var offset = PageToken.Decode(cursor, fingerprint);
        if (!offset.IsSuccess)
        {
            return offset.Error;
        }

        var numbers = await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && !v.Deleted)
            .OrderByDescending(v => v.Version).Skip((int)Math.Min(offset.Value, int.MaxValue)).Take(size + 1)
            .Select(v => v.Version).ToListAsync(cancellationToken);
        string? next = null;
        if (numbers.Count > size)
        {
            numbers.RemoveAt(size);
            next = PageToken.Encode(offset.Value + size, fingerprint);
        }

        return new SearchPage<ModelVersionView>(await loader.VersionsAsync(model, numbers, cancellationToken), next);
    }
}
