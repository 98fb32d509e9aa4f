using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Storage;

/// <summary>A stored file that no longer matches its digest: the path, what was recorded, and what is there now.</summary>
public sealed record IntegrityMismatch(string Path, long ExpectedSize, string ExpectedSha256, long? ActualSize, string? ActualSha256);

/// <summary>
/// Records <c>MODEL_VERSION / INTEGRITY_FAILED</c> (and an error log line) when a version's stored files fail their digests.
/// </summary>
/// <remarks>
/// De-duplication: every failed request meets the same broken file, so an event is recorded only for what was not
/// reported yet. A broken file is identified by (version, path, what is there now: its size and SHA-256, or
/// <c>missing</c>); a download that stopped at the first byte over the expected size knows the size but not the
/// digest, and then matches any report of that size. The reported ones
/// are those in the version's INTEGRITY_FAILED events since its last <c>INTEGRITY_RESTORED</c>, which a verify records
/// when it finds every file clean again after a failure. A failure that brings nothing new records no event and queues
/// no delivery (the error log line is still written). Concurrent first failures may both record: this is a flood
/// guard, not a uniqueness constraint.
/// </remarks>
public sealed class IntegrityFailures(SlipwayDbContext db, RegistryEventLog events, ILogger<IntegrityFailures> logger)
{
    /// <param name="detectedBy"><c>download</c>, <c>load</c>, <c>verify</c> or <c>copy</c>.</param>
    public async Task RecordAsync(long registeredModelId, int version, string detectedBy, IReadOnlyList<IntegrityMismatch> mismatches)
    {
        foreach (var mismatch in mismatches)
        {
            RegistryStorageLog.IntegrityFailed(logger, mismatch.Path, registeredModelId, version, detectedBy);
        }

        // CancellationToken.None: the failure must be recorded even when the client that met it has gone.
        var model = await db.RegisteredModels.AsNoTracking().Where(m => m.Id == registeredModelId)
            .Select(m => new { m.WorkspaceId, m.Name }).FirstOrDefaultAsync(CancellationToken.None);
        if (model is null)
        {
            return;
        }

        // Its own transaction, so that the look-up and the record go together, unless the caller already has one.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(CancellationToken.None) : null;
        var reported = await ReportedAsync(registeredModelId, version);
        var fresh = mismatches.Where(m => !reported.Any(r => SameDamage(r, m))).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var files = new JsonArray();
        foreach (var m in fresh)
        {
            files.Add(new JsonObject
            {
                ["path"] = m.Path,
                ["expected_size"] = m.ExpectedSize,
                ["expected_sha256"] = m.ExpectedSha256,
                ["actual_size"] = m.ActualSize,
                ["actual_sha256"] = m.ActualSha256,
            });
        }

        var data = new JsonObject
        {
            ["name"] = model.Name,
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["detected_by"] = detectedBy,
            ["files"] = files,
        };
        await events.RecordAsync(
            new RegistryChange(model.WorkspaceId, registeredModelId, model.Name, version, RegistryEntities.ModelVersion, RegistryActions.IntegrityFailed, data),
            CancellationToken.None);
        if (transaction is not null)
        {
            await events.CommitAsync(transaction, CancellationToken.None);
        }
    }

    /// <summary>
    /// After a verify that found every file clean: records <c>INTEGRITY_RESTORED</c> if the version's last integrity
    /// event was a failure, so that the same damage, should it come back, is reported again.
    /// </summary>
    public async Task RecordCleanAsync(long registeredModelId, int version, CancellationToken cancellationToken)
    {
        var last = await IntegrityEvents(registeredModelId, version).Select(e => e.Action).FirstOrDefaultAsync(cancellationToken);
        if (last != RegistryActions.IntegrityFailed)
        {
            return;
        }

        var model = await db.RegisteredModels.AsNoTracking().Where(m => m.Id == registeredModelId)
            .Select(m => new { m.WorkspaceId, m.Name }).FirstOrDefaultAsync(cancellationToken);
        if (model is null)
        {
            return;
        }

        var data = RegistryEventData.Change(model.Name, version, null, null, ("detected_by", "verify"));
        await events.RecordAsync(
            new RegistryChange(model.WorkspaceId, registeredModelId, model.Name, version, RegistryEntities.ModelVersion, RegistryActions.IntegrityRestored, data),
            cancellationToken);
    }

    private IQueryable<RegistryEvent> IntegrityEvents(long registeredModelId, int version) => db.RegistryEvents.AsNoTracking()
        .Where(e => e.RegisteredModelId == registeredModelId && e.Version == version && e.Entity == RegistryEntities.ModelVersion
            && (e.Action == RegistryActions.IntegrityFailed || e.Action == RegistryActions.IntegrityRestored))
        .OrderByDescending(e => e.Id);

    /// <summary>Same path and size (or both missing), and the same digest where both sides know it.</summary>
    private static bool SameDamage((string Path, long? ActualSize, string? ActualSha256) reported, IntegrityMismatch now) =>
        reported.Path == now.Path && reported.ActualSize == now.ActualSize
        && (reported.ActualSha256 is null || now.ActualSha256 is null || reported.ActualSha256 == now.ActualSha256);

    /// <summary>The broken files already reported for the version since it was last found clean.</summary>
    private async Task<List<(string Path, long? ActualSize, string? ActualSha256)>> ReportedAsync(long registeredModelId, int version)
    {
        var reported = new List<(string Path, long? ActualSize, string? ActualSha256)>();
        var recent = await IntegrityEvents(registeredModelId, version).Select(e => new { e.Action, e.Data }).Take(1000).ToListAsync(CancellationToken.None);
        foreach (var e in recent.TakeWhile(e => e.Action == RegistryActions.IntegrityFailed))
        {
            if (JsonNode.Parse(e.Data)?["files"] is not JsonArray files)
            {
                continue;
            }

            foreach (var file in files)
            {
                if (file?["path"]?.GetValue<string>() is { } path)
                {
                    reported.Add((path, file["actual_size"]?.GetValue<long>(), file["actual_sha256"]?.GetValue<string>()));
                }
            }
        }

        return reported;
    }
}
