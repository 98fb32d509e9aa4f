using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;

namespace Slipway.Core.Governance;

/// <summary>Audit events of token changes: the token's id, name and owner, never its secret or hash.</summary>
internal static class TokenAudit
{
    public static AuditEntry Created(ApiToken token) => new("api_token.create")
    {
        Resource = Resource(token),
        Changes = new JsonObject
        {
            ["after"] = new JsonObject
            {
                ["principal"] = token.Principal,
                ["user_id"] = token.UserId,
                ["max_permission"] = Access.PermissionLevels.Name(token.MaxPermission),
                ["expires_at"] = token.ExpiresAt,
            },
        },
    };

    public static AuditEntry Revoked(ApiToken token) => new("api_token.revoke")
    {
        Resource = Resource(token),
        Changes = new JsonObject { ["after"] = new JsonObject { ["revoked_at"] = token.RevokedAt } },
    };

    private static JsonObject Resource(ApiToken token) => new()
    {
        ["type"] = "api_token",
        ["id"] = token.Id.ToString(CultureInfo.InvariantCulture),
        ["name"] = token.Name,
        ["workspace"] = token.WorkspaceId?.ToString(CultureInfo.InvariantCulture),
    };
}
