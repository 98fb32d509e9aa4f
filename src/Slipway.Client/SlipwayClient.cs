namespace Slipway.Client;

/// <summary>
/// A typed client for a Slipway server: the native <c>/api/v1</c> resources and the MLflow artifact proxy.
/// Every call throws <see cref="SlipwayApiException"/> when the server answers with an error status, and
/// <see cref="HttpRequestException"/> (with no status) when the server cannot be reached.
/// </summary>
public sealed class SlipwayClient
{
    /// <summary>
    /// Creates a client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the server
    /// root (a path prefix such as <c>https://host/slipway/</c> must end in <c>/</c>). When <paramref name="token"/>
    /// is given, every request carries <c>Authorization: Bearer &lt;token&gt;</c>; otherwise the client's own
    /// default headers apply. The client does not dispose <paramref name="httpClient"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="httpClient"/> has no base address.</exception>
    public SlipwayClient(HttpClient httpClient, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the server root, such as http://127.0.0.1:5000/.", nameof(httpClient));
        }

        var http = new SlipwayHttp(httpClient, token);
        Experiments = new ExperimentsClient(http);
        Runs = new RunsClient(http);
        Tokens = new TokensClient(http);
        Users = new UsersClient(http);
        Groups = new GroupsClient(http);
        Audit = new AuditClient(http);
        Workspaces = new WorkspacesClient(http);
        Access = new AccessClient(http);
        Artifacts = new ArtifactsClient(http);
        Models = new ModelsClient(http);
        ModelLifecycle = new ModelLifecycleClient(http);
        Deployments = new DeploymentsClient(http);
    }

    /// <summary>Deployments (create, read, list, replace, delete) and calling them (<see cref="DeploymentsClient.PredictAsync"/>).</summary>
    public DeploymentsClient Deployments { get; }

    /// <summary>The audit trail: events, checkpoints and verification (Admin).</summary>
    public AuditClient Audit { get; }

    /// <summary>Experiments: list, get and create.</summary>
    public ExperimentsClient Experiments { get; }

    /// <summary>Runs: list, get and metric history. Runs are created through the MLflow API.</summary>
    public RunsClient Runs { get; }

    /// <summary>API tokens: the caller's own, scoped to a workspace and a maximum permission.</summary>
    public TokensClient Tokens { get; }

    /// <summary>Users, service accounts, the caller's identity and TOTP enrolment.</summary>
    public UsersClient Users { get; }

    /// <summary>Local groups and their members (platform admin).</summary>
    public GroupsClient Groups { get; }
    /// <summary>Workspaces: list, create, describe and delete.</summary>
    public WorkspacesClient Workspaces { get; }

    /// <summary>A workspace's roles, role bindings and direct grants.</summary>
    public AccessClient Access { get; }

    /// <summary>Registered models and versions, model cards, catalog search, package uploads and imports, stored files and their integrity.</summary>
    public ModelsClient Models { get; }

    /// <summary>Artifact upload, download and listing through the MLflow artifact proxy, streamed.</summary>
    public ArtifactsClient Artifacts { get; }

    /// <summary>Registered model versions' lifecycle: archive, restore, holds, retention and history.</summary>
    public ModelLifecycleClient ModelLifecycle { get; }
}
