namespace Slipway.Contracts.Governance;

/// <summary>Optionally a checkpoint note kept elsewhere (a file from the checkpoint directory) to verify the log against.</summary>
public sealed record AuditVerifyRequest(string? Checkpoint);
