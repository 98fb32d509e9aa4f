using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Serving.Deployments;

/// <summary>A route's target as the registry resolves it now: an explicit version, or the version an alias points at.</summary>
public sealed record ResolvedTarget(string RouteId, long RegisteredModelId, string Model, int Version, string? Alias);

/// <summary>
/// Checks each route's target against the registry of the deployment's workspace: the model exists and the caller
/// may READ it (an unreadable model is reported as absent, so names do not leak), the alias exists, and the version
/// (named or aliased) is live, not archived, READY, not pickled and in a format Slipway serves.
/// </summary>
public sealed class DeploymentTargets(SlipwayDbContext db, AccessScope access)
{
    /// <summary>Whether a version's package can be served: a bare ONNX or ML.NET file, or an MLflow model with an onnx or mlnet flavor.</summary>
    public static bool IsServable(ModelVersion version) =>
        !version.UnsafeFormat
        && (version.PackageFormat is PackageFormats.Onnx or PackageFormats.Mlnet
            || (version.PackageFormat == PackageFormats.Mlflow && version.Flavor is PackageFormats.Onnx or PackageFormats.Mlnet));

    public async Task<Result<List<ResolvedTarget>>> ResolveAsync(long workspaceId, DeploymentSpec spec, CancellationToken cancellationToken)
    {
        var resolved = new List<ResolvedTarget>();
        for (var i = 0; i < spec.Routes.Count; i++)
        {
            var route = spec.Routes[i];
            var at = $"routes[{i}].target";
            var target = route.Target;
            var model = await db.RegisteredModels.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Name == target.Model)
                .Select(m => new { m.Id, m.Name }).FirstOrDefaultAsync(cancellationToken);
            if (model is null
                || !(await access.LevelAsync(workspaceId, ResourceTypes.RegisteredModel, model.Id.ToString(CultureInfo.InvariantCulture), cancellationToken) >= Permission.Read))
            {
                return DeploymentErrors.Invalid(
                    DeploymentErrors.ModelNotFoundCode, $"This workspace has no registered model '{target.Model}' that you can read.", at + ".model");
            }

            int number;
            var field = at + ".version";
            if (target.Alias is { } alias)
            {
                field = at + ".alias";
                var aliased = await db.RegisteredModelAliases.AsNoTracking().Where(a => a.RegisteredModelId == model.Id && a.Alias == alias)
                    .Select(a => (int?)a.Version).FirstOrDefaultAsync(cancellationToken);
                if (aliased is null)
                {
                    return DeploymentErrors.Invalid(DeploymentErrors.AliasNotFoundCode, $"Model '{model.Name}' has no alias '{alias}'.", field);
                }

                number = aliased.Value;
            }
            else
            {
                number = target.Version!.Value;
            }

            var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.RegisteredModelId == model.Id && v.Version == number && !v.Deleted, cancellationToken);
            if (version is null)
            {
                return DeploymentErrors.Invalid(DeploymentErrors.VersionNotFoundCode, $"Model '{model.Name}' has no version {number}.", field);
            }

            if (NotServable(version) is { } reason)
            {
                return DeploymentErrors.Invalid(
                    DeploymentErrors.VersionNotServableCode, $"Version {number} of '{model.Name}'{(target.Alias is null ? "" : $" (alias '{target.Alias}')")} cannot be deployed: {reason}.", field);
            }

            resolved.Add(new ResolvedTarget(route.Id, model.Id, model.Name, number, target.Alias));
        }

        return resolved;
    }

    private static string? NotServable(ModelVersion version) =>
        version.ArchivedAt is not null ? "it is archived"
        : version.Status != "READY" ? $"its status is {version.Status}"
        : version.UnsafeFormat ? "it is flagged unsafe_format (pickled), and Slipway never loads it"
        : !IsServable(version) ? $"its package ({version.PackageFormat ?? "not inspected"}{(version.Flavor is null ? "" : ", flavor " + version.Flavor)}) is not ONNX or ML.NET"
        : null;
}
