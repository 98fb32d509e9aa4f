using Slipway.Contracts.Serving;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// The live state of a deployment's routes on this replica, for <see cref="DeploymentResponse.Status"/>. The serving
/// plane replaces the default (<see cref="RegistryDeploymentStatus"/>, which knows only what the registry says) with
/// what its routing table holds; register it before <c>AddDeployments</c> or replace the singleton.
/// </summary>
public interface IDeploymentStatusSource
{
    /// <summary>One <see cref="RouteStatus"/> per route of <paramref name="spec"/>, in the spec's order.</summary>
    IReadOnlyList<RouteStatus> Describe(long workspaceId, string name, DeploymentSpec spec);
}
