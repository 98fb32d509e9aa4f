using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;

namespace Slipway.Core.Serving.Deployments;

/// <summary>The audit events of deployment changes: <c>deployment.create</c>, <c>deployment.update</c>, <c>deployment.delete</c>, with the spec before and after.</summary>
internal static class DeploymentAudit
{
    public const string Create = "deployment.create";
    public const string Update = "deployment.update";
    public const string Delete = "deployment.delete";

    public static AuditEntry Entry(string action, Deployment deployment, string? before, string? after) => new(action)
    {
        Resource = new JsonObject
        {
            ["type"] = Governance.Access.ResourceTypes.Deployment,
            ["id"] = deployment.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = deployment.Name,
            ["workspace"] = deployment.WorkspaceId.ToString(CultureInfo.InvariantCulture),
        },
        Changes = new JsonObject
        {
            ["before"] = before is null ? null : JsonNode.Parse(before),
            ["after"] = after is null ? null : JsonNode.Parse(after),
        },
    };
}
