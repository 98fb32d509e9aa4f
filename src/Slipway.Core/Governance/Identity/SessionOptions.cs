using System.ComponentModel.DataAnnotations;

namespace Slipway.Core.Governance.Identity;

/// <summary>Browser sessions (governance.md §8.5): idle 30 minutes, absolute 12 hours by default.</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Auth:Session";

    [Range(1, 24 * 60)]
    public int IdleMinutes { get; set; } = 30;

    [Range(1, 30 * 24)]
    public int AbsoluteHours { get; set; } = 12;
}
