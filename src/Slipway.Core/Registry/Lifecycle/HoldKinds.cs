namespace Slipway.Core.Registry.Lifecycle;

/// <summary>The kinds of <see cref="VersionHold"/>; other capabilities add holds of their own kind through <see cref="VersionHolds"/>.</summary>
public static class HoldKinds
{
    /// <summary>Placed and removed by a person through the API or <c>slipway models hold</c>.</summary>
    public const string Manual = "manual";

    /// <summary>A deployment serves the version; the reference is the deployment's name.</summary>
    public const string Deployment = "deployment";

    /// <summary>An approval is pending or granted on the version; the reference is the approval's id.</summary>
    public const string Approval = "approval";
}
