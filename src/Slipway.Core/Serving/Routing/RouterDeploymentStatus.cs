using Slipway.Contracts.Serving;
using Slipway.Core.Serving.Deployments;

namespace Slipway.Core.Serving.Routing;

/// <summary>
/// Route states as this replica serves them: the version each route serves now (or is loading), its load state, a
/// pending switch and the last failure. Routes this replica has not picked up yet report the version the registry
/// resolves their target to, in state <c>pending</c>.
/// </summary>
internal sealed class RouterDeploymentStatus(DeploymentRouter router, RegistryDeploymentStatus registry) : IDeploymentStatusSource
{
    public IReadOnlyList<RouteStatus> Describe(long workspaceId, string name, DeploymentSpec spec)
    {
        var state = router.Find(workspaceId, name);
        var resolved = registry.Describe(workspaceId, name, spec);
        if (state?.Spec is null || state.Generation == 0)
        {
            return [.. resolved.Select(r => r with { State = "pending" })];
        }

        var live = router.Describe(state);
        return [.. live.Select(r => r.Version is null && resolved.FirstOrDefault(x => x.Id == r.Id) is { } target ? r with { Version = target.Version } : r)];
    }
}
