using Slipway.Core.Governance.Identity;

namespace Slipway.Core.Governance.Access;

/// <summary>The user or group a binding or grant names (<see cref="PrincipalKinds.User"/> or <see cref="PrincipalKinds.Group"/>).</summary>
public sealed record PrincipalRef(string Kind, long Id, string Name);
