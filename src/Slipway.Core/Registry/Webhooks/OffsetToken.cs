using System.Globalization;
using System.Text;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>An opaque page token holding an offset, for the short webhook and delivery listings.</summary>
public static class OffsetToken
{
    public static string Write(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o:" + offset.ToString(CultureInfo.InvariantCulture)));

    public static Result<int> Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Falls through to the error below.
        }

        return Error.Invalid("Invalid page token.", "page_token");
    }
}
