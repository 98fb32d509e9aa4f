using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Registry;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// "Which version was <c>champion</c> on 1 November, who put it there, from which run and data": the last alias
/// event (set or delete) of the model at or before the instant decides the version; its actor and time say who and
/// when; the version row, its run and the run's dataset inputs give the provenance. All from the recorded history,
/// so it answers for versions since archived or deleted too.
/// </summary>
public sealed class AliasHistoryAt(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<AliasAtResponse>> HandleAsync(string? name, string? alias, string? at, CancellationToken cancellationToken)
    {
        if (RegistryRules.Alias(alias) is { } aliasError)
        {
            return aliasError;
        }

        if (ParseInstant(at) is not { } instant)
        {
            return Error.Invalid($"'at' must be an ISO-8601 instant (2026-11-01T00:00:00Z) or epoch milliseconds, not '{at}'.", "at");
        }

        var model = await loader.FindAsync(name, cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Error;
        }

        var id = model.Value.Id;
        // Alias events are few per model; the alias name sits in the event data, so the filter by it runs here.
        var events = await db.RegistryEvents.AsNoTracking()
            .Where(e => e.RegisteredModelId == id && e.Entity == RegistryEntities.ModelVersionAlias && e.Timestamp <= instant
                && (e.Action == RegistryActions.Created || e.Action == RegistryActions.Deleted))
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Action, e.Version, e.Actor, e.Timestamp, e.Data })
            .ToListAsync(cancellationToken);
        var last = events.FirstOrDefault(e => JsonNode.Parse(e.Data)?["alias"]?.GetValue<string>() == alias);
        if (last is null || last.Action == RegistryActions.Deleted || last.Version is not { } number)
        {
            return new AliasAtResponse(model.Value.Name, alias!, instant, null, last?.Actor, last?.Timestamp, null);
        }

        return new AliasAtResponse(model.Value.Name, alias!, instant, number, last.Actor, last.Timestamp, await ProvenanceAsync(id, number, cancellationToken));
    }

    private async Task<AliasVersionProvenance?> ProvenanceAsync(long modelId, int number, CancellationToken cancellationToken)
    {
        var version = await db.ModelVersions.AsNoTracking().Where(v => v.RegisteredModelId == modelId && v.Version == number)
            .Select(v => new { v.CreatedBy, v.CreationTimestamp, v.Source, v.RunId }).FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var run = version.RunId is null ? null
            : await db.Runs.AsNoTracking().Where(r => r.Id == version.RunId).Select(r => new { r.Name, r.ExperimentId }).FirstOrDefaultAsync(cancellationToken);
        var datasets = version.RunId is null ? []
            : await db.RunDatasetInputs.AsNoTracking().Where(i => i.RunId == version.RunId)
                .Join(db.Datasets.AsNoTracking(), i => i.DatasetId, d => d.Id, (i, d) => new { d.Name, d.Digest, d.SourceType })
                .OrderBy(d => d.Name).ThenBy(d => d.Digest)
                .ToListAsync(cancellationToken);
        return new AliasVersionProvenance(
            number,
            version.CreatedBy,
            version.CreationTimestamp,
            version.Source,
            version.RunId,
            run?.Name,
            run?.ExperimentId.ToString(CultureInfo.InvariantCulture),
            [.. datasets.Select(d => new AliasDatasetInput(d.Name, d.Digest, d.SourceType))]);
    }

    /// <summary>Epoch milliseconds (digits only) or an ISO-8601 instant; one without an offset is taken as UTC.</summary>
    public static long? ParseInstant(string? at)
    {
        if (string.IsNullOrWhiteSpace(at))
        {
            return null;
        }

        if (long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return ms;
        }

        return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant.ToUnixTimeMilliseconds()
            : null;
    }
}
