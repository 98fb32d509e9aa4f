namespace Slipway.Core.Governance.Access;

/// <summary>A role binding with the names of its role and principal.</summary>
public sealed record BindingView(RoleBinding Binding, string RoleName, string PrincipalName);
