using Slipway.Core.Governance.Access;

namespace Slipway.Core.Serving.Routing;

/// <summary>The deployments this replica serves, by workspace and name, for authorization without a query.</summary>
internal sealed class RouterDirectory(DeploymentRouter router) : IDeploymentDirectory
{
    public long? Find(long workspaceId, string name) => router.Find(workspaceId, name)?.Id;
}
