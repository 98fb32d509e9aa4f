namespace Slipway.Contracts.Governance;

/// <summary>
/// An RFC 6962 inclusion proof: the event <see cref="Seq"/> (leaf <see cref="LeafIndex"/> = seq − 1, leaf hash
/// SHA-256(0x00 ‖ event hash)) is in the tree of the first <see cref="TreeSize"/> events, whose Merkle root is
/// <see cref="Root"/>. <see cref="AuditPath"/> lists the sibling hashes from the leaf up (base64).
/// <see cref="Checkpoint"/> is the signed checkpoint of that size, when one was written.
/// </summary>
public sealed record AuditProofResponse(
    long Seq,
    long LeafIndex,
    long TreeSize,
    string EventHash,
    string LeafHash,
    IReadOnlyList<string> AuditPath,
    string Root,
    AuditCheckpointResponse? Checkpoint);
