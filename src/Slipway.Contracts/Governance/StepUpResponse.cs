namespace Slipway.Contracts.Governance;

/// <summary>When the session proved its second factor (epoch milliseconds).</summary>
public sealed record StepUpResponse(long MfaAt);
