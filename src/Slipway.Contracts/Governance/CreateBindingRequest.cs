namespace Slipway.Contracts.Governance;

/// <summary>Gives <see cref="Role"/> to exactly one of <see cref="User"/> (a user or service account) and <see cref="Group"/>.</summary>
public sealed record CreateBindingRequest(string Role, string? User = null, string? Group = null);
