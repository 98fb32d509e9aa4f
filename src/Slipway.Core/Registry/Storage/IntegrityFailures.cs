using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Storage;

/// <summary>A stored file that no longer matches its digest: the path, what was recorded, and what is there now.</summary>
public sealed record IntegrityMismatch(string Path, long ExpectedSize, string ExpectedSha256, long? ActualSize, string? ActualSha256);

/// <summary>Records <c>MODEL_VERSION / INTEGRITY_FAILED</c> (and an error log line) when a version's stored files fail their digests.</summary>
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

        var files = new JsonArray();
        foreach (var m in mismatches)
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
    }
}
