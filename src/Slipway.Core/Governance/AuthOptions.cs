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
}
