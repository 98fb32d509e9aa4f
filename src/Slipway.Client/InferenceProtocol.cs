namespace Slipway.Client;

/// <summary>The inference protocols a deployment answers (serving spec §1.1).</summary>
public enum InferenceProtocol
{
    /// <summary>The MLflow scoring protocol: <c>POST /mlflow/{deployment}/invocations</c>, JSON or CSV.</summary>
    Mlflow,

    /// <summary>Open Inference Protocol v2: <c>POST /v2/models/{deployment}[/versions/{v}]/infer</c>.</summary>
    V2,

    /// <summary>KServe V1: <c>POST /v1/models/{deployment}:predict</c>.</summary>
    V1,
}
