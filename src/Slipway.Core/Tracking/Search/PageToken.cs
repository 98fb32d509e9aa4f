using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Opaque page tokens (mlflow-rest.md §6.6): base64url of <c>{"offset":N,"query":"&lt;fingerprint&gt;"}</c>. The
/// fingerprint hashes everything that shapes the result (filter, order, experiment ids, view type, …), so a
/// token is only accepted by the query that issued it; anything else is 400 "Invalid page token".
/// </summary>
internal static class PageToken
{
    public const string InvalidMessage = "Invalid page token";

    /// <summary>A stable hash of the query parts, in order; null and "" differ, and no two part lists collide by concatenation.</summary>
    public static string Fingerprint(params IEnumerable<string?> parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            // Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
            text.Append(part is null ? "-1" : part.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(part).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    public static string Encode(long offset, string fingerprint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var json = JsonSerializer.SerializeToUtf8Bytes(new Payload(offset, fingerprint));
        return Base64Url.EncodeToString(json);
    }

    /// <summary>The offset a token stands for; no token (null or "") is the first page, offset 0.</summary>
    public static Result<long> Decode(string? token, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0L;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(token));
            if (payload is { Offset: >= 0 } && payload.Query == fingerprint)
            {
                return payload.Offset;
            }
        }
        catch (FormatException)
        {
        }
        catch (JsonException)
        {
        }

        return Error.Invalid(InvalidMessage, "page_token");
    }

    private sealed record Payload(
        [property: System.Text.Json.Serialization.JsonPropertyName("offset")] long Offset,
        [property: System.Text.Json.Serialization.JsonPropertyName("query")] string Query);
}
