namespace Slipway.Core.Serving.Protocols;

/// <summary>The body format a request's <c>Content-Type</c> announced.</summary>
public enum RequestMediaType
{
    Json,
    Csv,
}
