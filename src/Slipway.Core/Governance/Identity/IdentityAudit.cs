using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;

namespace Slipway.Core.Governance.Identity;

/// <summary>
/// Audit events of identities and sign-in. They name users and groups and what changed, never a password, TOTP
/// secret, recovery code or session secret.
/// </summary>
internal static class IdentityAudit
{
    public static JsonObject UserResource(User user) => new()
    {
        ["type"] = user.Kind == PrincipalKinds.Service ? "service_account" : "user",
        ["id"] = "u_" + user.Id.ToString(CultureInfo.InvariantCulture),
        ["name"] = user.Name,
    };

    public static JsonObject GroupResource(Group group) => new()
    {
        ["type"] = "group",
        ["id"] = "g_" + group.Id.ToString(CultureInfo.InvariantCulture),
        ["name"] = group.Name,
    };

    /// <summary>
    /// The actor of a sign-in event, which happens before any principal exists. A name that matches no user is not
    /// recorded: people type their password into the user name field.
    /// </summary>
    public static JsonObject SignInActor(User? user, string method) => user is null
        ? new JsonObject { ["type"] = "anonymous", ["auth"] = method }
        : new JsonObject
        {
            ["type"] = "user",
            ["id"] = "u_" + user.Id.ToString(CultureInfo.InvariantCulture),
            ["name"] = user.Name,
            ["auth"] = method,
            ["admin"] = user.IsAdmin ? true : null,
        };

    public static AuditEntry UserChange(string action, User user, JsonObject? before, JsonObject? after) => new(action)
    {
        Resource = UserResource(user),
        Changes = before is null && after is null ? null : new JsonObject { ["before"] = before, ["after"] = after },
    };

    public static JsonObject Snapshot(User user) => new()
    {
        ["kind"] = user.Kind,
        ["display_name"] = user.DisplayName,
        ["email"] = user.Email,
        ["is_admin"] = user.IsAdmin,
        ["active"] = user.Active,
    };

    public static AuditEntry GroupChange(string action, Group group, User? member = null) => new(action)
    {
        Resource = GroupResource(group),
        Changes = member is null ? null : new JsonObject { ["member"] = UserResource(member) },
    };
}
