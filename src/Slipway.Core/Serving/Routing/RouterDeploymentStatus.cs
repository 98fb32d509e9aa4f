using Slipway.Contracts.Serving;
using Slipway.Core.Serving.Deployments;

namespace Slipway.Core.Serving.Routing;

/// <summary>
/// Route states as this replica serves them: the version each route serves now, its load state, a pending switch
/// and the last failure. A deployment this replica has not picked up yet reports its routes <c>pending</c>.
/// </summary>
internal sealed class RouterDeploymentStatus(DeploymentRouter router) : IDeploymentStatusSource
{
    public IReadOnlyList<RouteStatus> Describe(long workspaceId, string name, DeploymentSpec spec)
    {
        var state = router.Find(workspaceId, name);
        if (state?.Spec is null)
        {
            return [.. spec.Routes.Select(r => new RouteStatus(r.Id, r.Target.Model, null, "pending"))];
        }

        return router.Describe(state);
    }
}
