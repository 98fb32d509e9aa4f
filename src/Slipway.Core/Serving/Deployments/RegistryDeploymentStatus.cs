using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Contracts.Serving;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// The status a server without a serving plane can give: each route's target version as the registry resolves it
/// now (an alias to its current version), in state <c>unknown</c>. Control-plane only; the serving plane replaces it.
/// </summary>
internal sealed class RegistryDeploymentStatus(IServiceScopeFactory scopes) : IDeploymentStatusSource
{
    public const string Unknown = "unknown";

    public IReadOnlyList<RouteStatus> Describe(long workspaceId, string name, DeploymentSpec spec)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        return spec.Routes.Select(route =>
        {
            var version = route.Target.Version;
            if (version is null && route.Target.Alias is { } alias)
            {
                // Synchronous by the interface's shape: a single indexed lookup per aliased route.
                version = (from a in db.RegisteredModelAliases.AsNoTracking()
                        join m in db.RegisteredModels.AsNoTracking() on a.RegisteredModelId equals m.Id
                        where m.WorkspaceId == workspaceId && m.Name == route.Target.Model && a.Alias == alias
                        select (int?)a.Version)
                    .FirstOrDefault();
            }

            return new RouteStatus(route.Id, route.Target.Model, version, Unknown, Reason: version is null ? "The target alias no longer exists." : null);
        }).ToList();
    }
}
