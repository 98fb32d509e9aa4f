using System.Text;

namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// The user's search text made safe for any full-text engine: split into terms of letters and digits only (what both
/// engines' tokenizers index anyway), lower-cased, at most <see cref="MaxTerms"/>. Quotes, operators, column filters
/// and other query syntax cannot survive this, so the text can never change the shape of the query. The last term is
/// matched as a prefix, so that results follow the user's typing.
/// </summary>
public sealed class CatalogSearchText
{
    public const int MaxTerms = 16;
    public const int MaxTermLength = 64;

    private CatalogSearchText(string raw, IReadOnlyList<string> terms)
    {
        Raw = raw;
        Terms = terms;
    }

    /// <summary>The text as given, trimmed; compared with model names for exact matches.</summary>
    public string Raw { get; }

    public IReadOnlyList<string> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    public static CatalogSearchText Parse(string? text)
    {
        var raw = (text ?? "").Trim();
        var terms = new List<string>();
        var term = new StringBuilder();
        foreach (var c in raw)
        {
            if (char.IsLetterOrDigit(c))
            {
                term.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush();
        }

        Flush();
        return new CatalogSearchText(raw, terms.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList());

        void Flush()
        {
            if (term.Length > 0)
            {
                terms.Add(term.Length > MaxTermLength ? term.ToString(0, MaxTermLength) : term.ToString());
                term.Clear();
            }
        }
    }
}
