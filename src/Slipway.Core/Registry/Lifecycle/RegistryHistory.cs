using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>A page of history, newest first; <see cref="NextCursor"/> continues with older events.</summary>
public sealed record HistoryPage(IReadOnlyList<RegistryEvent> Items, string? NextCursor);

/// <summary>
/// Reads the recorded changes of a model (every event of the model and its versions) or of one version, newest
/// first. The history of a deleted version stays readable; the cursor is the id of the last event returned.
/// </summary>
public sealed class RegistryHistory(SlipwayDbContext db, RegistryLoader loader)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<Result<HistoryPage>> ModelAsync(string? name, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var model = await loader.FindAsync(name, cancellationToken);
        return model.IsSuccess ? await PageAsync(model.Value.Id, null, limit, cursor, cancellationToken) : model.Error;
    }

    public async Task<Result<HistoryPage>> VersionAsync(string? name, string? version, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var model = await loader.FindAsync(name, cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Error;
        }

        var id = model.Value.Id;
        // Deleted versions keep their rows, so their history is found too; a number never handed out is not.
        return await db.ModelVersions.AnyAsync(v => v.RegisteredModelId == id && v.Version == number.Value, cancellationToken)
            ? await PageAsync(id, number.Value, limit, cursor, cancellationToken)
            : RegistryRules.VersionNotFound(model.Value.Name, number.Value);
    }

    private async Task<Result<HistoryPage>> PageAsync(long modelId, int? version, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            return Error.Invalid($"'limit' must be from 1 to {MaxLimit}, not {size}.", "limit");
        }

        long? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Error.Invalid($"Invalid cursor '{cursor}': pass the next_cursor of a previous page.", "cursor");
            }

            before = parsed;
        }

        var query = db.RegistryEvents.AsNoTracking().Where(e => e.RegisteredModelId == modelId);
        if (version is { } number)
        {
            query = query.Where(e => e.Version == number);
        }

        if (before is { } id)
        {
            query = query.Where(e => e.Id < id);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = rows.Count > size ? rows[size - 1].Id.ToString(CultureInfo.InvariantCulture) : null;
        return new HistoryPage(rows.Take(size).ToList(), next);
    }
}
