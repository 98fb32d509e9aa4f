namespace Slipway.Core.Governance.Identity;

/// <summary>
/// The one place identity tells the authorization engine that who-is-in-what changed (group membership, a deleted
/// user or group, an admin flag or activation), so that cached grant resolutions are dropped.
/// </summary>
internal static class MembershipChanges
{
    public static void Notify()
    {
        // TODO(#5): call AccessEvaluator.Invalidate() here once the authorization engine is on main.
    }
}
