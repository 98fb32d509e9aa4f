namespace Slipway.Core.Serving.Inference;

/// <summary>The three ways to call a deployment (serving spec §1).</summary>
public enum InferenceProtocol
{
    /// <summary>Open Inference Protocol v2 (<c>/v2/models/{name}/infer</c>).</summary>
    V2,

    /// <summary>KServe V1 (<c>/v1/models/{name}:predict</c>).</summary>
    V1,

    /// <summary>MLflow scoring (<c>/mlflow/{name}/invocations</c>).</summary>
    Mlflow,
}

public static class InferenceProtocols
{
    /// <summary>The label used in metrics and the prediction log: <c>v2</c>, <c>v1</c>, <c>mlflow</c>.</summary>
    public static string Name(this InferenceProtocol protocol) => protocol switch
    {
        InferenceProtocol.V2 => "v2",
        InferenceProtocol.V1 => "v1",
        _ => "mlflow",
    };
}
