namespace Slipway.Contracts.Governance;

/// <summary>The result of recomputing the audit chain: <see cref="Ok"/> when <see cref="Problems"/> is empty.</summary>
public sealed record AuditVerificationResponse(bool Ok, long Events, long HeadSeq, long? CheckpointSize, IReadOnlyList<AuditProblemResponse> Problems);

/// <summary>One finding: <c>gap</c>, <c>chain_broken</c>, <c>hash_mismatch</c>, <c>truncated</c>, <c>checkpoint_signature</c>, <c>checkpoint_root</c>.</summary>
public sealed record AuditProblemResponse(long? Seq, string Kind, string Message);
