using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;

namespace Slipway.Core.Governance.Access;

/// <summary>Audit events of access administration: workspaces, roles, bindings, grants (<c>role.create</c>, <c>grant.delete</c>, …).</summary>
internal static class AccessAudit
{
    public static AuditEntry Entry(string action, string type, long id, string? name, long? workspaceId, JsonObject? before, JsonObject? after) => new(action)
    {
        Resource = new JsonObject
        {
            ["type"] = type,
            ["id"] = id.ToString(CultureInfo.InvariantCulture),
            ["name"] = name,
            ["workspace"] = workspaceId?.ToString(CultureInfo.InvariantCulture),
        },
        Changes = before is null && after is null ? null : new JsonObject { ["before"] = before, ["after"] = after },
    };

    public static JsonObject Role(string? description, IEnumerable<RolePermission> lines) => new()
    {
        ["description"] = description,
        ["permissions"] = new JsonArray([.. lines.Where(l => l.Level is not null).Select(l => (JsonNode)new JsonObject
        {
            ["resource_type"] = l.ResourceType,
            ["resource_pattern"] = l.ResourcePattern,
            ["level"] = PermissionLevels.Name(l.Level),
        })]),
        ["capabilities"] = new JsonArray([.. lines.Where(l => l.Capability is not null).Select(l => JsonValue.Create(l.Capability))]),
    };
}
