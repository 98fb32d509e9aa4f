namespace Slipway.Contracts.Governance;

/// <summary>A new set of single-use recovery codes, shown once; the previous set no longer works.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
