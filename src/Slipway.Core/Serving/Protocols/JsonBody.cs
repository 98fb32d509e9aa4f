using System.Text.Json;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Parses a request body into a <see cref="JsonDocument"/> (pooled buffers; the readers walk it once per stage and
/// write values straight into typed arrays). Bare <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> tokens are not JSON
/// but Python's <c>json</c> writes them, so a body that fails only because of them is re-read with each token replaced
/// by a marker string (<see cref="NonFiniteMarker"/>), which validation refuses as <c>NON_FINITE_VALUE</c> or accepts
/// under <see cref="DecodeOptions.AllowNonFinite"/>.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    /// <summary>Starts the marker strings (<c>"\u0000NaN"</c>): a NUL character, never in real text.</summary>
    public const char NonFiniteMarker = '\0';

    private JsonBody(JsonDocument document, bool hasMarkers)
    {
        Document = document;
        HasMarkers = hasMarkers;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>True when bare non-finite tokens were replaced by marker strings.</summary>
    public bool HasMarkers { get; }

    public static JsonBody Parse(ReadOnlySpan<byte> json, int maxDepth)
    {
        try
        {
            return new JsonBody(ParseOnce(json, maxDepth), hasMarkers: false);
        }
        catch (JsonException first)
        {
            var rewritten = ReplaceNonFiniteTokens(json);
            if (rewritten is not null)
            {
                try
                {
                    return new JsonBody(ParseOnce(rewritten, maxDepth), hasMarkers: true);
                }
                catch (JsonException)
                {
                    // The body is broken for another reason too: report the first error, at its original position.
                }
            }

            throw new RequestRejected(ServingError.Malformed(Describe(first, json.IsEmpty)));
        }
    }

    private static JsonDocument ParseOnce(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var document = JsonDocument.ParseValue(ref reader);
        try
        {
            if (reader.Read())
            {
                throw new JsonException("unexpected content after the JSON value");
            }
        }
        catch
        {
            document.Dispose();
            throw;
        }

        return document;
    }

    private static string Describe(JsonException exception, bool empty)
    {
        if (empty)
        {
            return "malformed JSON: the request body is empty";
        }

        var reason = exception.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        return exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $"malformed JSON at line {line + 1}, byte {position + 1}: {reason}"
            : $"malformed JSON: {reason}";
    }

    /// <summary>The body with bare NaN/Infinity tokens outside strings replaced by marker strings; null when it has none.</summary>
    private static byte[]? ReplaceNonFiniteTokens(ReadOnlySpan<byte> json)
    {
        List<(int Start, int Length, byte[] Replacement)>? hits = null;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == '\\')
                {
                    i++;
                }
                else if (b == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (b == '"')
            {
                inString = true;
                continue;
            }

            if (b is (byte)'N' or (byte)'I' or (byte)'-')
            {
                foreach (var (token, replacement) in Tokens)
                {
                    if (json[i..].StartsWith(token) && (i + token.Length == json.Length || IsDelimiter(json[i + token.Length])) && (i == 0 || IsDelimiter(json[i - 1])))
                    {
                        (hits ??= []).Add((i, token.Length, replacement));
                        i += token.Length - 1;
                        break;
                    }
                }
            }
        }

        if (hits is null)
        {
            return null;
        }

        var output = new List<byte>(json.Length + (hits.Count * 8));
        var at = 0;
        foreach (var (start, length, replacement) in hits)
        {
            output.AddRange(json[at..start]);
            output.AddRange(replacement);
            at = start + length;
        }

        output.AddRange(json[at..]);
        return [.. output];
    }

    private static bool IsDelimiter(byte b) => b is (byte)',' or (byte)']' or (byte)'}' or (byte)':' or (byte)'[' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static readonly (byte[] Token, byte[] Replacement)[] Tokens =
    [
        ("NaN"u8.ToArray(), "\"\\u0000NaN\""u8.ToArray()),
        ("Infinity"u8.ToArray(), "\"\\u0000Infinity\""u8.ToArray()),
        ("-Infinity"u8.ToArray(), "\"\\u0000-Infinity\""u8.ToArray()),
    ];

    public void Dispose() => Document.Dispose();
}
