namespace Slipway.Core.Governance.Access;

/// <summary>Rights that are not permission levels (governance.md §8.1).</summary>
public static class Capabilities
{
    public const string Approve = "approve";
    public const string WaiveGate = "waive_gate";
    public const string AuditRead = "audit:read";
    public const string AuditExport = "audit:export";
    public const string DownloadArtifacts = "download_artifacts";
    public const string ManageTokens = "manage_tokens";
    public const string ManageQuotas = "manage_quotas";
    public const string DeployPrefix = "deploy:";

    public static bool IsKnown(string capability) =>
        capability is Approve or WaiveGate or AuditRead or AuditExport or DownloadArtifacts or ManageTokens or ManageQuotas
        || (capability.StartsWith(DeployPrefix, StringComparison.Ordinal) && capability.Length > DeployPrefix.Length && capability.Length <= 64);

    /// <summary>
    /// The level a capability counts as when a token's ceiling narrows it: reading and exporting (audit,
    /// downloads) pass a READ ceiling; approving, waiving and deploying need EDIT; managing tokens and quotas MANAGE.
    /// </summary>
    public static Permission LevelOf(string capability) => capability switch
    {
        AuditRead or AuditExport or DownloadArtifacts => Permission.Read,
        ManageTokens or ManageQuotas => Permission.Manage,
        _ => Permission.Edit,
    };
}
