namespace Slipway.Contracts.Governance;

/// <summary>Creates a user. <see cref="Password"/> is optional (a user may sign in through OpenID Connect only).</summary>
public sealed record CreateUserRequest(string Name, string? DisplayName = null, string? Email = null, bool IsAdmin = false, string? Password = null);
