namespace Slipway.Core.Tracking.Search;

/// <summary>
/// A token of a filter or order_by string. <see cref="Text"/> has the quotes stripped; <see cref="Raw"/> is the
/// source text, for error messages. <see cref="Start"/> and <see cref="End"/> let the parser tell <c>tags.`k`</c>
/// (adjacent) from <c>tags. `k`</c>.
/// </summary>
internal readonly record struct SearchToken(SearchTokenKind Kind, string Text, string Raw, int Start, int End)
{
    public bool IsWord(string keyword) =>
        Kind == SearchTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsQuotedKey => Kind is SearchTokenKind.Backticked or SearchTokenKind.DoubleQuoted;

    public bool IsString => Kind is SearchTokenKind.SingleQuoted or SearchTokenKind.DoubleQuoted;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind == SearchTokenKind.End ? "the end of the string" : $"'{Raw}'";
}
