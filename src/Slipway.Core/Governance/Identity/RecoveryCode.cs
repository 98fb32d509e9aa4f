namespace Slipway.Core.Governance.Identity;

/// <summary>A single-use MFA recovery code; only its SHA-256 is stored. Regenerating replaces the whole set.</summary>
public sealed class RecoveryCode
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public required string Hash { get; set; }

    public long CreatedAt { get; set; }

    public long? UsedAt { get; set; }
}
