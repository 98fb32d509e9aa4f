using System.ComponentModel.DataAnnotations;

namespace Slipway.Core.Governance.Audit;

/// <summary>The <c>Audit</c> section: checkpoints and the signing key (docs/configuration.md).</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>Write a checkpoint once this many events have been added since the last one.</summary>
    [Range(1, int.MaxValue)]
    public int CheckpointEvery { get; set; } = 1000;

    /// <summary>…or once this much time has passed with new events.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The ECDSA P-256 private key (PKCS#8 PEM) that signs checkpoints. It lives outside the database, so that a
    /// database administrator cannot re-sign a rewritten history. Default <c>&lt;DataDir&gt;/audit-signing-key.pem</c>,
    /// created (mode 0600) on first start if missing; with several replicas every one must read the same key
    /// (e.g. a mounted secret).
    /// </summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Each checkpoint is also written here as a file. Default <c>&lt;DataDir&gt;/audit-checkpoints/</c>.</summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// Also push each checkpoint to this S3-compatible bucket (ideally with Object Lock), over the connection settings
    /// of <c>Storage:S3</c> (ServiceUrl, Region, keys) whichever artifact store is in use. Empty: no bucket sink.
    /// </summary>
    public string? CheckpointBucket { get; set; }

    /// <summary>The key prefix of checkpoint objects in <see cref="CheckpointBucket"/>.</summary>
    public string CheckpointPrefix { get; set; } = "audit-checkpoints/";

    /// <summary>The checkpoint origin's install id; default: derived from the signing key's fingerprint.</summary>
    public string? InstallId { get; set; }

    /// <summary>Record <c>X-Forwarded-For</c> in events. Only when a trusted proxy sets it; otherwise a caller could forge it.</summary>
    public bool TrustForwardedFor { get; set; }

    /// <summary>
    /// Refused requests are rate-collapsed: one event per caller address, status and route pattern in this window,
    /// the rest counted into the next one. Zero records every refusal.
    /// </summary>
    public TimeSpan DenialWindow { get; set; } = TimeSpan.FromSeconds(10);
}
