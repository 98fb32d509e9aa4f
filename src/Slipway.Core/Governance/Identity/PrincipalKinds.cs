namespace Slipway.Core.Governance.Identity;

/// <summary>What a grant or role binding names: a user (people and service accounts) or a group.</summary>
public static class PrincipalKinds
{
    public const string User = "user";
    public const string Service = "service";
    public const string Group = "group";
}
