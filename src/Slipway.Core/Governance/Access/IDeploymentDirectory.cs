namespace Slipway.Core.Governance.Access;

/// <summary>
/// Deployment ids by workspace and name from memory (the serving plane's routing tables), so that authorizing an
/// inference request costs no query. Absent or not knowing a name: the resolver asks the database.
/// </summary>
public interface IDeploymentDirectory
{
    long? Find(long workspaceId, string name);
}
