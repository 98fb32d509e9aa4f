using System.Text.Encodings.Web;
using System.Text.Json;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Writer options for response and error bodies: served as <c>application/json</c>, never embedded in HTML, so quotes
/// and apostrophes in messages stay readable (<c>['sex']</c>, not <c>[\u0027sex\u0027]</c>).
/// </summary>
internal static class ProtocolJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
}
