using System.Net;

namespace Slipway.Client;

/// <summary>
/// The server answered with an error status. <see cref="Exception.Message"/> is the server's explanation (the
/// problem details' <c>detail</c> on <c>/api/v1</c>, the <c>message</c> on MLflow routes).
/// </summary>
public sealed class SlipwayApiException : Exception
{
    /// <summary>Creates an exception for an error answer.</summary>
    public SlipwayApiException(HttpStatusCode statusCode, string? code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    /// <summary>The HTTP status of the answer, such as 404 for an unknown id or 401 for a missing or revoked token.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The stable error code: the problem details' <c>code</c> on <c>/api/v1</c> (<c>resource_does_not_exist</c>,
    /// <c>unauthenticated</c>), the <c>error_code</c> on MLflow routes (<c>RESOURCE_DOES_NOT_EXIST</c>); null when the
    /// answer carried none.
    /// </summary>
    public string? Code { get; }
}
