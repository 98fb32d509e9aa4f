using System.Globalization;
using System.CommandLine.Parsing;

namespace Slipway.Cli.Commands.Tokens;

/// <summary>A token lifetime such as <c>90m</c>, <c>12h</c>, <c>30d</c> or <c>8w</c>.</summary>
internal static class Lifetime
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : string.Empty;
        if (TryParse(text, out var lifetime))
        {
            return lifetime;
        }

        result.AddError($"'{text}' is not a lifetime: use a positive whole number with s, m, h, d or w, such as 30d.");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        if (text.Length < 2
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count <= 0)
        {
            return false;
        }

        TimeSpan? unit = char.ToLowerInvariant(text[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null || count > TimeSpan.MaxValue.Ticks / unit.Value.Ticks)
        {
            return false;
        }

        lifetime = unit.Value * count;
        return true;
    }
}
