using System.Globalization;

namespace Slipway.Core.Tracking.Search;

/// <summary>The right-hand side of a comparison: an unquoted number, a quoted string, or a list of quoted strings.</summary>
internal abstract record SearchValue
{
    private SearchValue()
    {
    }

    /// <summary>An unquoted number as written (<see cref="Literal"/>); <see cref="Integer"/> is set when it is a plain integer.</summary>
    public sealed record Numeric(string Literal, double Value, long? Integer) : SearchValue
    {
        public override string ToString() => Literal;
    }

    /// <summary>A string in single or double quotes, the quotes stripped (the grammar has no escapes).</summary>
    public sealed record Quoted(string Value) : SearchValue
    {
        public override string ToString() => $"'{Value}'";
    }

    /// <summary>The parenthesised list of an IN or NOT IN comparison.</summary>
    public sealed record QuotedList(IReadOnlyList<string> Items) : SearchValue
    {
        public override string ToString() => "(" + string.Join(", ", Items.Select(i => $"'{i}'")) + ")";
    }

    public static Numeric? ParseNumber(string literal)
    {
        if (!IsNumberLiteral(literal)
            || !double.TryParse(literal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            return null;
        }

        long? integer = long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? whole : null;
        return new Numeric(literal, value, integer);
    }

    // -?(digits[.digits] | .digits)([eE][+-]?digits)?
    private static bool IsNumberLiteral(string s)
    {
        var i = s.StartsWith('-') ? 1 : 0;
        var intDigits = CountDigits(s, ref i);
        var fractionDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(s, ref i);
        }

        if (intDigits + fractionDigits == 0)
        {
            return false;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            if (CountDigits(s, ref i) == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }
}
