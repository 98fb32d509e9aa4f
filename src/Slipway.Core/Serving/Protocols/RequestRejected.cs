namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Carries a validation failure out of the nested walk over a request's data to the reader, which turns it into a
/// <see cref="DecodeResult"/>. Only the readers catch it; nothing outside this folder sees it.
/// </summary>
internal sealed class RequestRejected(ServingError error) : Exception(error.Message)
{
    public ServingError Error { get; } = error;
}
