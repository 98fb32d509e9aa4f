namespace Slipway.Contracts.Governance;

/// <summary>Changes a user; null leaves a field as it is, an empty string clears display_name or email.</summary>
public sealed record UpdateUserRequest(string? DisplayName = null, string? Email = null, bool? Active = null, bool? IsAdmin = null);
