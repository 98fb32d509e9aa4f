using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Opaque page tokens: base64url of an offset and a hash of the query that produced it, so that a token replayed
/// against another query (or edited) is refused with "Invalid page token" rather than returning the wrong rows.
/// </summary>
public static class PageToken
{
    private const int HashBytes = 8;

    public static string HashOf(params string?[] parts)
    {
        var joined = string.Join('\u001f', parts.Select(p => p ?? "\u0000"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(joined)), 0, HashBytes);
    }

    public static string Encode(int offset, string queryHash)
    {
        Span<byte> bytes = stackalloc byte[4 + HashBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes, offset);
        Convert.FromHexString(queryHash).CopyTo(bytes[4..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static Result<int> Decode(string token, string queryHash)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - (base64.Length % 4)) % 4);
            var bytes = Convert.FromBase64String(base64);
            if (bytes.Length != 4 + HashBytes || Convert.ToHexString(bytes, 4, HashBytes) != queryHash)
            {
                return Invalid();
            }

            var offset = BinaryPrimitives.ReadInt32BigEndian(bytes);
            return offset < 0 ? Invalid() : offset;
        }
        catch (FormatException)
        {
            return Invalid();
        }
    }

    private static Error Invalid() =>
        Error.Invalid("Invalid page token: pass back the next_page_token of the previous reply to the same query, unchanged.", "page_token");
}
