namespace Slipway.Core.Governance.Access;

/// <summary>The resource types of governance.md §8.2 that grants name.</summary>
public static class ResourceTypes
{
    public const string Any = "*";
    public const string Workspace = "workspace";
    public const string Experiment = "experiment";
    public const string RegisteredModel = "registered_model";
    public const string Deployment = "deployment";
    public const string Dataset = "dataset";
    public const string Pipeline = "pipeline";
    public const string Webhook = "webhook";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Any, Workspace, Experiment, RegisteredModel, Deployment, Dataset, Pipeline, Webhook,
    };
}
