namespace Slipway.Contracts.Governance;

/// <summary>Users change their own password with the current one.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
