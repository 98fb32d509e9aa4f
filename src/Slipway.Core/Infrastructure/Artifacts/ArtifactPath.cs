using System.Text;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// Turns a path from a request into a storage key, or refuses it (mlflow-rest.md §4.4). A key is relative,
/// '/'-separated, fully percent-decoded, and has no empty, <c>.</c> or <c>..</c> segment, so it can never
/// name anything outside the artifact root, whichever store resolves it.
/// </summary>
public static class ArtifactPath
{
    /// <summary>The longest key, in characters; the <c>artifact_files.path</c> column holds no more.</summary>
    public const int MaxLength = 1024;

    /// <summary>The longest segment, in UTF-8 bytes: the common file-name limit of local file systems.</summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>The first segment the local store keeps its unfinished uploads in; no key may start with it.</summary>
    public const string StagingName = ".staging";

    private const int MaxDecodeRounds = 10;

    /// <summary>Parses the path of a file, or of a directory to act on as a whole; the root itself is refused.</summary>
    public static Result<string> Parse(string? raw) => Parse(raw, allowRoot: false);

    /// <summary>
    /// Parses the path of a directory to list: empty (or absent) is the root, and one trailing '/' is allowed,
    /// as clients join a directory and nothing with a separator.
    /// </summary>
    public static Result<string> ParseDirectory(string? raw)
    {
        if (raw is { Length: > 1 } && raw[^1] == '/')
        {
            raw = raw[..^1];
        }

        return Parse(raw, allowRoot: true);
    }

    /// <summary>Joins a parsed key and a parsed relative path; either may be empty (the root).</summary>
    public static string Combine(string key, string relative) =>
        key.Length == 0 ? relative : relative.Length == 0 ? key : key + "/" + relative;

    /// <summary>The last segment of a key.</summary>
    public static string BaseName(string key) => key[(key.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Whether a single name read back from storage may be shown to a client, which joins it to the listed path:
    /// no separators, control characters, or dot names (§4.3).
    /// </summary>
    public static bool IsSafeName(string name) => SegmentProblem(name) is null && !name.Contains('/', StringComparison.Ordinal);

    private static Result<string> Parse(string? raw, bool allowRoot)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return allowRoot ? "" : Invalid("it is empty");
        }

        if (!TryDecode(raw, out var path))
        {
            return Invalid("it is still percent-encoded after 10 rounds of decoding");
        }

        if (path.Length == 0)
        {
            return allowRoot ? "" : Invalid("it is empty");
        }

        if (HasPercentEscape(path))
        {
            // Decoding leaves only escapes that are not UTF-8, such as the overlong %c0%ae for '.'.
            return Invalid("it holds a percent-encoded byte that is not valid UTF-8");
        }

        if (path.Length > MaxLength)
        {
            return Invalid($"it is longer than {MaxLength} characters");
        }

        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                return Invalid("it contains a control character");
            }

            if (IsForbidden(c))
            {
                return Invalid($"it contains '{c}'");
            }
        }

        if (path[0] == '/')
        {
            return Invalid("it is absolute; give a path relative to the artifact root");
        }

        if (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]))
        {
            return Invalid("it starts with a drive letter");
        }

        if (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("it is a file: URI");
        }

        var segments = path.Split('/');
        foreach (var segment in segments)
        {
            if (SegmentProblem(segment) is { } problem)
            {
                return Invalid(problem);
            }
        }

        if (segments[0] == StagingName)
        {
            return Invalid($"'{StagingName}' is reserved");
        }

        return path;
    }

    private static string? SegmentProblem(string segment)
    {
        if (segment.Length == 0)
        {
            return "it has an empty segment ('//' or a trailing '/')";
        }

        if (IsDotSegment(segment))
        {
            return "it has a '.' or '..' segment";
        }

        if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
        {
            return $"a segment is longer than {MaxSegmentBytes} bytes";
        }

        foreach (var c in segment)
        {
            if (char.IsControl(c) || IsForbidden(c))
            {
                return "it contains a control character or one of # \\ ; ?";
            }
        }

        return null;
    }

    /// <summary>
    /// '#' and '?' end a URL path and ';' starts path parameters, so a name holding one means something else once
    /// in a URL; '\\' is a separator on Windows (governance.md §6.2).
    /// </summary>
    private static bool IsForbidden(char c) => c is '#' or '\\' or ';' or '?';

    /// <summary>
    /// '.' and '..', also spelt with characters that Unicode compatibility normalization turns into dots
    /// (fullwidth, small and leader dots), in case anything downstream normalizes names.
    /// </summary>
    private static bool IsDotSegment(string segment)
    {
        if (segment.Length > 2)
        {
            return false;
        }

        var dots = 0;
        foreach (var c in segment)
        {
            dots += c switch
            {
                '.' or '\uFF0E' or '\uFE52' or '\u2024' => 1,
                '\u2025' => 2,
                _ => 3,
            };
        }

        return dots <= 2;
    }

    /// <summary>Percent-decodes until nothing changes, so that <c>%252e%252e%252f</c> is seen as <c>../</c>.</summary>
    private static bool TryDecode(string raw, out string decoded)
    {
        decoded = raw;
        for (var round = 0; round < MaxDecodeRounds; round++)
        {
            if (!decoded.Contains('%', StringComparison.Ordinal))
            {
                return true;
            }

            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return true;
            }

            decoded = next;
        }

        return !decoded.Contains('%', StringComparison.Ordinal) || Uri.UnescapeDataString(decoded) == decoded;
    }

    /// <summary>The error for a key that the store's layout cannot serve.</summary>
    public static Error Refused(ArtifactPathException exception) => Error.Invalid($"Invalid path: {exception.Message}", "path");

    private static bool HasPercentEscape(string path)
    {
        for (var i = path.IndexOf('%', StringComparison.Ordinal); i >= 0 && i + 2 < path.Length; i = path.IndexOf('%', i + 1))
        {
            if (char.IsAsciiHexDigit(path[i + 1]) && char.IsAsciiHexDigit(path[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    private static Error Invalid(string reason) => Error.Invalid($"Invalid path: {reason}.", "path");
}
