namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Checks a request's <c>Content-Type</c> as MLflow's scoring server does (serving spec §1.4): <c>application/json</c>,
/// or <c>text/csv</c> where CSV is allowed; the only parameter allowed is <c>charset</c>, and only UTF-8. Anything else is
/// 415 <c>UNSUPPORTED_MEDIA_TYPE</c>. A missing header means JSON (OIP and V1 clients often send none).
/// </summary>
public static class MediaTypes
{
    public static ServingError? Check(string? contentType, bool allowCsv) => Check(contentType, allowCsv, out _);

    public static ServingError? Check(string? contentType, bool allowCsv, out RequestMediaType mediaType)
    {
        mediaType = RequestMediaType.Json;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var parts = contentType.Split(';', StringSplitOptions.TrimEntries);
        var type = parts[0];
        if (string.Equals(type, "text/csv", StringComparison.OrdinalIgnoreCase) && allowCsv)
        {
            mediaType = RequestMediaType.Csv;
        }
        else if (!string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            var supported = allowCsv ? "['text/csv', 'application/json']" : "['application/json']";
            return Unsupported($"This predictor only supports the following content types: Types: {supported}. Got '{contentType}'.");
        }

        var unknown = new List<string>();
        foreach (var parameter in parts.Skip(1).Where(p => p.Length > 0))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? parameter : parameter[..equals]).Trim();
            if (!string.Equals(name, "charset", StringComparison.OrdinalIgnoreCase))
            {
                unknown.Add(name);
                continue;
            }

            var value = equals < 0 ? string.Empty : parameter[(equals + 1)..].Trim().Trim('"');
            if (!string.Equals(value, "utf-8", StringComparison.OrdinalIgnoreCase) && !string.Equals(value, "utf8", StringComparison.OrdinalIgnoreCase))
            {
                return Unsupported("The scoring server only supports UTF-8");
            }
        }

        return unknown.Count > 0 ? Unsupported($"Unrecognized content type parameters: {string.Join(", ", unknown)}.") : null;
    }

    private static ServingError Unsupported(string message) => new(415, ServingErrorCodes.UnsupportedMediaType, message);
}
