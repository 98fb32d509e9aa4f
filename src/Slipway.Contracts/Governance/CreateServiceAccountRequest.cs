namespace Slipway.Contracts.Governance;

/// <summary>Creates a service account: tokens only, never a password.</summary>
public sealed record CreateServiceAccountRequest(string Name, string? DisplayName = null, string? Email = null);
