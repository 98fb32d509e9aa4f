using System.Diagnostics.CodeAnalysis;

namespace Slipway.Core.Serving.Protocols;

/// <summary>The outcome of decoding a request: the validated request, or the first failure (serving spec §2.2).</summary>
public sealed class DecodeResult
{
    private DecodeResult(DecodedRequest? request, ServingError? error)
    {
        Request = request;
        Error = error;
    }

    public DecodedRequest? Request { get; }

    public ServingError? Error { get; }

    [MemberNotNullWhen(true, nameof(Request))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Request is not null;

    public static DecodeResult Ok(DecodedRequest request) => new(request, null);

    public static DecodeResult Fail(ServingError error) => new(null, error);
}
