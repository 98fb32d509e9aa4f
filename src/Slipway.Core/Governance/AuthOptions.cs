using System.ComponentModel.DataAnnotations;

namespace Slipway.Core.Governance;

public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>How long a validated token is trusted before it is looked up again. Default 10 s, at most 60 s.</summary>
    [Range(0, 60)]
    public int TokenCacheSeconds { get; set; } = 10;

    /// <summary>How recent a second factor must be for actions that require step-up. Default 15 minutes.</summary>
    [Range(1, 24 * 60)]
    public int StepUpMinutes { get; set; } = 15;

    /// <summary>
    /// The lifetime of a new token whose request names no expiry, in days. Default 90; 0 makes such tokens
    /// non-expiring, which needs <see cref="AllowNonExpiringTokens"/>. The initial admin token is exempt.
    /// </summary>
    [Range(0, 3650)]
    public int TokenDefaultDays { get; set; } = 90;

    /// <summary>Whether tokens without expiry may be created (governance.md §6.5: "non-expiring only by policy"). Default false.</summary>
    public bool AllowNonExpiringTokens { get; set; }
}
