namespace Slipway.Core.Governance.Audit;

/// <summary>
/// One row of the audit trail (governance.md §8.4). Immutable once written: <see cref="Hash"/> chains it to the row
/// before it, so an edit, a deletion or a reordering breaks the chain that <see cref="AuditVerifier"/> recomputes.
/// The JSON columns hold objects; together with the scalar columns they rebuild the hashed event exactly.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Gap-free position in the log, from the single-row counter <see cref="AuditHead"/>.</summary>
    public long Seq { get; set; }

    /// <summary>ULID: sortable, unique across installs, for deduplicating exports.</summary>
    public required string Id { get; set; }

    /// <summary>UTC, ISO 8601 with milliseconds, exactly as hashed.</summary>
    public required string Ts { get; set; }

    public required string Schema { get; set; }

    public required string Action { get; set; }

    /// <summary><c>success</c>, <c>denied</c>, <c>failure</c> or <c>error</c>.</summary>
    public required string Outcome { get; set; }

    public int? Status { get; set; }

    public string? ErrorCode { get; set; }

    public string? Reason { get; set; }

    public required string Actor { get; set; }

    public string? Source { get; set; }

    public string? Request { get; set; }

    public string? Resource { get; set; }

    public string? Changes { get; set; }

    public string? Context { get; set; }

    /// <summary>Base64 SHA-256 of the previous event (32 zero bytes before the first).</summary>
    public required string PrevHash { get; set; }

    /// <summary>Base64 SHA-256(prev_hash bytes ‖ JCS(event without hash)).</summary>
    public required string Hash { get; set; }
}
