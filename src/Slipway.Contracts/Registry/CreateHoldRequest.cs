namespace Slipway.Contracts.Registry;

/// <summary>A manual hold: a label unique per version (such as a ticket id) and why the version must stay.</summary>
public sealed record CreateHoldRequest(string Reference, string? Reason);
