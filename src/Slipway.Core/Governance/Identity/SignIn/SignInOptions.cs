using System.ComponentModel.DataAnnotations;

namespace Slipway.Core.Governance.Identity.SignIn;

/// <summary>
/// Throttling of sign-in and MFA codes (governance.md §6.6, §8.5). Counted in memory per replica: behind a load
/// balancer an attacker gets the limits once per replica, which the exponential backoff still keeps small.
/// </summary>
public sealed class SignInOptions
{
    public const string SectionName = "Auth:Login";

    /// <summary>Failed sign-ins per user name within <see cref="UserWindowSeconds"/> before it is locked. Default 5.</summary>
    [Range(1, 1000)]
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary>Default 300 s (5 minutes); also the first lockout, doubled at each further one.</summary>
    [Range(1, 86_400)]
    public int UserWindowSeconds { get; set; } = 300;

    /// <summary>Failed sign-ins per client address within <see cref="IpWindowSeconds"/>. Default 20.</summary>
    [Range(1, 100_000)]
    public int MaxFailuresPerIp { get; set; } = 20;

    /// <summary>Default 60 s.</summary>
    [Range(1, 86_400)]
    public int IpWindowSeconds { get; set; } = 60;

    /// <summary>Wrong TOTP or recovery codes per user within <see cref="MfaWindowSeconds"/>. Default 5.</summary>
    [Range(1, 1000)]
    public int MaxMfaFailures { get; set; } = 5;

    /// <summary>Default 300 s.</summary>
    [Range(1, 86_400)]
    public int MfaWindowSeconds { get; set; } = 300;
}
