namespace Slipway.Core.Tracking.Search;

internal enum SearchTokenKind
{
    /// <summary>A bare run of name characters: an identifier, a keyword (AND, LIKE, ...), a number or a direction.</summary>
    Word,

    /// <summary><c>`any text`</c>: a prefix or a key.</summary>
    Backticked,

    /// <summary><c>'text'</c>: a string value.</summary>
    SingleQuoted,

    /// <summary><c>"text"</c>: a string value, or a key right after <c>prefix.</c>.</summary>
    DoubleQuoted,

    /// <summary>A run of <c>= ! &lt; &gt;</c>.</summary>
    Operator,

    OpenParen,
    CloseParen,
    Comma,
    End,
}
