namespace Slipway.Core.Serving;

/// <summary>
/// In-process nudges to the serving plane: a deployment was created, changed or deleted, or an alias moved. The
/// serving plane also polls the database (other replicas' changes), so a missed signal only delays a change.
/// </summary>
public sealed class ServingSignals
{
    private readonly List<Action<ServingSignal>> handlers = [];
    private readonly Lock gate = new();

    public void Subscribe(Action<ServingSignal> handler)
    {
        lock (gate)
        {
            handlers.Add(handler);
        }
    }

    public void DeploymentChanged(long workspaceId, string name) => Raise(new ServingSignal(ServingSignalKind.Deployment, workspaceId, name));

    public void AliasMoved(long workspaceId, string model) => Raise(new ServingSignal(ServingSignalKind.Alias, workspaceId, model));

    private void Raise(ServingSignal signal)
    {
        Action<ServingSignal>[] current;
        lock (gate)
        {
            current = [.. handlers];
        }

        foreach (var handler in current)
        {
            handler(signal);
        }
    }
}

public enum ServingSignalKind
{
    Deployment,
    Alias,
}

/// <summary>What changed: a deployment by name, or a registered model's aliases by model name.</summary>
public sealed record ServingSignal(ServingSignalKind Kind, long WorkspaceId, string Name);
