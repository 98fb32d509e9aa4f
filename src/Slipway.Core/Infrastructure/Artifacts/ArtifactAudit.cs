using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// The audit event of an artifact change. The resource is the artifact key; its first segment is the experiment id
/// (its authorization scope), recorded as <c>experiment_id</c>. Size and digest, never content.
/// </summary>
internal static class ArtifactAudit
{
    public static AuditEntry Entry(string action, string key, JsonObject changes)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return new AuditEntry(action)
        {
            Resource = new JsonObject
            {
                ["type"] = "artifact",
                ["id"] = key,
                ["name"] = key,
                ["experiment_id"] = slash < 0 ? key : key[..slash],
            },
            Changes = changes,
        };
    }
}
