namespace Slipway.Core.Tracking.Search;

/// <summary>Reads a token list front to back; past the end it keeps answering the End token.</summary>
internal sealed class TokenCursor(IReadOnlyList<SearchToken> tokens)
{
    private int index;

    public SearchToken Current => Peek(0);

    public SearchToken Peek(int ahead) => tokens[Math.Min(index + ahead, tokens.Count - 1)];

    public SearchToken Next()
    {
        var token = Current;
        index = Math.Min(index + 1, tokens.Count - 1);
        return token;
    }

    public void Skip(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Next();
        }
    }
}
