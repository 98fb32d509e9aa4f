using Microsoft.AspNetCore.Http;
using Slipway.Core.Serving.Protocols;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Inference;

/// <summary>Writes answers and errors straight into the response pipe, in the protocol's shape.</summary>
internal static class ResponseBodies
{
    public static async Task WriteAsync(
        HttpResponse response, InferenceProtocol protocol, ResponseInfo info, IReadOnlyList<Tensor> outputs, IReadOnlyList<string>? requested, CancellationToken cancellationToken)
    {
        var pipe = response.BodyWriter;
        switch (protocol)
        {
            case InferenceProtocol.V2:
                OipResponseWriter.Write(pipe, info, outputs, requested);
                break;
            case InferenceProtocol.V1:
                V1ResponseWriter.Write(pipe, outputs);
                break;
            default:
                MlflowResponseWriter.Write(pipe, outputs);
                break;
        }

        await pipe.FlushAsync(cancellationToken);
    }

    public static async Task WriteErrorAsync(HttpResponse response, InferenceProtocol protocol, ServingError error, string requestId, CancellationToken cancellationToken)
    {
        var pipe = response.BodyWriter;
        if (protocol == InferenceProtocol.Mlflow)
        {
            ServingErrorWriter.WriteMlflow(pipe, error, requestId);
        }
        else
        {
            ServingErrorWriter.WriteOip(pipe, error, requestId);
        }

        await pipe.FlushAsync(cancellationToken);
    }
}
