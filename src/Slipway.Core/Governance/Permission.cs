namespace Slipway.Core.Governance;

/// <summary>Permission levels, ordered: each includes the ones below it (governance.md §8.2).</summary>
public enum Permission
{
    Read = 1,
    Use = 2,
    Edit = 3,
    Manage = 4,
    Admin = 5,
}
