namespace Slipway.Core.Serving.Protocols;

/// <summary>Which protocol a request came in by; MLflow gets MLflow's message forms (serving spec §1.4).</summary>
internal enum ProtocolDialect
{
    Oip,
    V1,
    Mlflow,
}
