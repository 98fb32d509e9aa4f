namespace Slipway.Core.Governance.Audit;

/// <summary>
/// A signed statement of the log's first <see cref="Size"/> events: their RFC 6962 Merkle root, in C2SP checkpoint
/// form (<see cref="Text"/>, the signed note as written to the checkpoint directory).
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }

    /// <summary>The number of events covered, which is also the last covered <c>seq</c>.</summary>
    public long Size { get; set; }

    /// <summary>Base64 Merkle root over the event hashes 1..Size.</summary>
    public required string Root { get; set; }

    /// <summary>Base64 of the key id (4 bytes) and the DER ECDSA P-256 signature of the checkpoint body.</summary>
    public required string Signature { get; set; }

    /// <summary>The whole signed note: body, blank line, signature line.</summary>
    public required string Text { get; set; }

    public long CreatedAt { get; set; }
}
