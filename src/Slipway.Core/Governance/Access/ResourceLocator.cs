namespace Slipway.Core.Governance.Access;

/// <summary>Where in a request the id or name of the touched resource is, and what kind of resource it is.</summary>
public sealed record ResourceLocator(ResourceKind Kind, RequestValueSource Source, params string[] Names)
{
    /// <summary>The value a handler uses when the request names none (MLflow's <c>runs/create</c> defaults to experiment 0).</summary>
    public string? Default { get; init; }

    /// <summary>The body limit for reading the fields, the handler's own (log-inputs takes larger bodies).</summary>
    public int MaxBodyBytes { get; init; } = Mlflow.MlflowRequest.MaxBodyBytes;

    /// <summary>An experiment by id.</summary>
    public static ResourceLocator Experiment(RequestValueSource source, params string[] names) => new(ResourceKind.ExperimentId, source, names);

    /// <summary>An experiment by name (MLflow <c>get-by-name</c>).</summary>
    public static ResourceLocator ExperimentName(RequestValueSource source, params string[] names) => new(ResourceKind.ExperimentName, source, names);

    /// <summary>A run by id; the grant checked is on its experiment.</summary>
    public static ResourceLocator Run(RequestValueSource source, params string[] names) => new(ResourceKind.RunId, source, names);

    /// <summary>A logged model by id (<c>m-…</c>); the grant checked is on its experiment.</summary>
    public static ResourceLocator LoggedModel(RequestValueSource source, params string[] names) => new(ResourceKind.LoggedModelId, source, names);

    /// <summary>A registered model by name in the request's workspace.</summary>
    public static ResourceLocator RegisteredModel(RequestValueSource source, params string[] names) => new(ResourceKind.RegisteredModelName, source, names);

    /// <summary>A deployment by name in the request's workspace (serving: <c>/v2/models/{name}/infer</c>, <c>/api/v1/deployments/{name}</c>).</summary>
    public static ResourceLocator Deployment(RequestValueSource source, params string[] names) => new(ResourceKind.DeploymentName, source, names);

    /// <summary>A webhook by id; the grant checked is MANAGE-level on webhooks of its workspace.</summary>
    public static ResourceLocator Webhook(RequestValueSource source, params string[] names) => new(ResourceKind.WebhookId, source, names);

    /// <summary>A path of the MLflow artifact proxy (<c>&lt;experiment&gt;/&lt;run&gt;/…</c> or <c>registry/&lt;model&gt;/…</c>).</summary>
    public static ResourceLocator ArtifactPath { get; } = new(ResourceKind.ArtifactPath, RequestValueSource.Path);
}

public enum ResourceKind
{
    ExperimentId,
    ExperimentName,
    RunId,
    LoggedModelId,
    RegisteredModelName,
    DeploymentName,
    WebhookId,
    ArtifactPath,
}

/// <summary>Where a value is read from. <see cref="QueryOrBody"/> reads the query string for GET and the JSON body otherwise, as MLflow does.</summary>
public enum RequestValueSource
{
    Route,
    Query,
    Body,
    QueryOrBody,
    Path,
}
