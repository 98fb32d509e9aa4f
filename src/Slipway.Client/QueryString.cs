using System.Globalization;
using System.Text;

namespace Slipway.Client;

/// <summary>Builds a relative URI with an escaped query string, skipping unset values.</summary>
internal sealed class QueryString(string path)
{
    private readonly StringBuilder builder = new(path);
    private bool first = true;

    public QueryString Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        builder.Append(first ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        first = false;
        return this;
    }

    public QueryString Add(string name, int? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => builder.ToString();
}
