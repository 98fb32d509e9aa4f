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
}
