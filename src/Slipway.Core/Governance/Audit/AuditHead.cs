namespace Slipway.Core.Governance.Audit;

/// <summary>
/// The single-row counter of the audit log: the last sequence number and hash. A writer increments it in its own
/// transaction, which serializes writers (acceptable at control-plane volume, governance.md §8.4) and makes
/// <c>seq</c> gap-free, since a rolled-back transaction rolls back its increment too. It also tells verification how
/// long the log must be, so a truncated tail shows.
/// </summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Seq { get; set; }

    public required string Hash { get; set; }
}
