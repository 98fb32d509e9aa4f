using System.Globalization;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Splits a filter or order_by string into tokens. Bare words take the key characters of mlflow-rest.md §1.7
/// (<c>\w . - / :</c>) so that <c>tags.mlflow.parentRunId</c> and <c>-1.5e-3</c> are single words; anything
/// else (spaces in a key, for instance) needs backticks or double quotes.
/// </summary>
internal static class SearchTokenizer
{
    public static Result<IReadOnlyList<SearchToken>> Tokenize(string text, string what)
    {
        var tokens = new List<SearchToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '`' or '\'' or '"':
                    var close = text.IndexOf(c, i + 1);
                    if (close < 0)
                    {
                        return Error.Invalid(
                            $"Invalid {what}: unterminated quote {c} at position {start} in {text[start..]}; close it with {c}.", what);
                    }

                    var kind = c switch
                    {
                        '`' => SearchTokenKind.Backticked,
                        '\'' => SearchTokenKind.SingleQuoted,
                        _ => SearchTokenKind.DoubleQuoted,
                    };
                    i = close + 1;
                    tokens.Add(new SearchToken(kind, text[(start + 1)..close], text[start..i], start, i));
                    break;
                case '=' or '!' or '<' or '>':
                    while (i < text.Length && text[i] is '=' or '!' or '<' or '>')
                    {
                        i++;
                    }

                    tokens.Add(Token(SearchTokenKind.Operator, text, start, i));
                    break;
                case '(':
                    tokens.Add(Token(SearchTokenKind.OpenParen, text, start, ++i));
                    break;
                case ')':
                    tokens.Add(Token(SearchTokenKind.CloseParen, text, start, ++i));
                    break;
                case ',':
                    tokens.Add(Token(SearchTokenKind.Comma, text, start, ++i));
                    break;
                default:
                    while (i < text.Length && IsWordChar(text, i))
                    {
                        i++;
                    }

                    if (i == start)
                    {
                        return Error.Invalid(
                            $"Invalid {what}: unexpected character '{c}' at position {start}. Quote values with ' or \", and keys with special characters with backticks.", what);
                    }

                    tokens.Add(Token(SearchTokenKind.Word, text, start, i));
                    break;
            }
        }

        tokens.Add(new SearchToken(SearchTokenKind.End, "", "", text.Length, text.Length));
        return tokens;
    }

    private static SearchToken Token(SearchTokenKind kind, string text, int start, int end) =>
        new(kind, text[start..end], text[start..end], start, end);

    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (c is '.' or '-' or '/' or ':' || char.IsLetterOrDigit(c))
        {
            return true;
        }

        // The exponent sign of 1e+5.
        if (c == '+')
        {
            return i > 0 && text[i - 1] is 'e' or 'E';
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;
    }
}
