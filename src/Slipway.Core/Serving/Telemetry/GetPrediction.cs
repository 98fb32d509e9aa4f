using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// Every record of one prediction id in the caller's workspace (the primary, its shadow copies, a direct call), oldest
/// first, keeping only those of deployments the caller may READ. Nothing readable answers 404, whether the id is
/// unknown or hidden, so the route does not reveal other deployments' traffic.
/// </summary>
public sealed class GetPrediction(SlipwayDbContext db, AccessScope access)
{
    public const int MaxRecords = 1000;

    public async Task<Result<List<PredictionRecord>>> HandleAsync(long workspaceId, string predictionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(predictionId) || predictionId.Length > 36)
        {
            return Error.Invalid("prediction_id must be the id a response carried (X-Slipway-Prediction-Id).", "prediction_id");
        }

        var records = await db.PredictionRecords.AsNoTracking()
            .Where(r => r.PredictionId == predictionId && r.WorkspaceId == workspaceId)
            .OrderBy(r => r.Timestamp).ThenBy(r => r.Id)
            .Take(MaxRecords)
            .ToListAsync(cancellationToken);

        var readable = new List<PredictionRecord>(records.Count);
        foreach (var group in records.GroupBy(r => r.Deployment, StringComparer.Ordinal))
        {
            if (await CanReadAsync(workspaceId, group.Key, cancellationToken))
            {
                readable.AddRange(group);
            }
        }

        return readable.Count == 0
            ? Error.NotFound($"No prediction '{predictionId}' is visible in this workspace.")
            : readable.OrderBy(r => r.Timestamp).ThenBy(r => r.Id).ToList();
    }

    /// <summary>READ on the deployment (by its id, as grants name it), or on every deployment of the workspace when it no longer exists.</summary>
    private async Task<bool> CanReadAsync(long workspaceId, string deployment, CancellationToken cancellationToken)
    {
        var id = await db.Deployments.AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.Name == deployment)
            .Select(d => (long?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var resource = id is { } found ? found.ToString(CultureInfo.InvariantCulture) : ResourceTypes.Any;
        return await access.LevelAsync(workspaceId, ResourceTypes.Deployment, resource, cancellationToken) >= Permission.Read;
    }
}
