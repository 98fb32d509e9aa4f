namespace Slipway.Core.Governance.Access;

/// <summary>
/// The roles every installation has (governance.md §8.1), seeded by the migration with fixed ids. Platform admin is
/// not a role: it is the <c>is_admin</c> flag of a user, global and not bound to a workspace.
/// </summary>
public static class BuiltinRoles
{
    public const long ViewerId = 1;
    public const long ConsumerId = 2;
    public const long DataScientistId = 3;
    public const long MlEngineerId = 4;
    public const long ApproverId = 5;
    public const long AuditorId = 6;
    public const long WorkspaceAdminId = 7;

    public static IReadOnlyList<Role> Roles { get; } =
    [
        Builtin(ViewerId, "Viewer", "READ on everything in the workspace."),
        Builtin(ConsumerId, "Consumer", "USE on deployments (invoke models); no artifact download."),
        Builtin(DataScientistId, "Data Scientist", "EDIT experiments, datasets and pipelines; create registered models; download artifacts; deploy to dev and staging."),
        Builtin(MlEngineerId, "ML Engineer", "Data Scientist plus EDIT on registered models and deployments, deploy to production, manage quotas."),
        Builtin(ApproverId, "Approver", "READ on everything plus the approve capability."),
        Builtin(AuditorId, "Auditor", "READ on everything plus reading and exporting the audit trail."),
        Builtin(WorkspaceAdminId, "Workspace Admin", "MANAGE on everything in the workspace: roles, grants, members, service-account tokens, webhooks."),
    ];

    public static IReadOnlyList<RolePermission> Permissions { get; } = Build();

    private static Role Builtin(long id, string name, string description) =>
        new() { Id = id, Name = name, Description = description, IsBuiltin = true, CreatedAt = 0 };

    private static List<RolePermission> Build()
    {
        var list = new List<RolePermission>();
        void Level(long role, string type, Permission level) =>
            list.Add(new RolePermission { Id = list.Count + 1, RoleId = role, ResourceType = type, ResourcePattern = ResourceTypes.Any, Level = level });
        void Cap(long role, string capability) =>
            list.Add(new RolePermission { Id = list.Count + 1, RoleId = role, Capability = capability });

        Level(ViewerId, ResourceTypes.Any, Permission.Read);

        Level(ConsumerId, ResourceTypes.Deployment, Permission.Use);

        foreach (var role in new[] { DataScientistId, MlEngineerId })
        {
            Level(role, ResourceTypes.Any, Permission.Read);
            Level(role, ResourceTypes.Experiment, Permission.Edit);
            Level(role, ResourceTypes.Dataset, Permission.Edit);
            Level(role, ResourceTypes.Pipeline, Permission.Edit);
            Cap(role, Capabilities.DownloadArtifacts);
            Cap(role, Capabilities.DeployPrefix + "dev");
            Cap(role, Capabilities.DeployPrefix + "staging");
        }

        Level(DataScientistId, ResourceTypes.RegisteredModel, Permission.Use);
        Level(MlEngineerId, ResourceTypes.RegisteredModel, Permission.Edit);
        Level(MlEngineerId, ResourceTypes.Deployment, Permission.Edit);
        Cap(MlEngineerId, Capabilities.DeployPrefix + "production");
        Cap(MlEngineerId, Capabilities.ManageQuotas);

        Level(ApproverId, ResourceTypes.Any, Permission.Read);
        Cap(ApproverId, Capabilities.Approve);

        Level(AuditorId, ResourceTypes.Any, Permission.Read);
        Cap(AuditorId, Capabilities.AuditRead);
        Cap(AuditorId, Capabilities.AuditExport);

        Level(WorkspaceAdminId, ResourceTypes.Any, Permission.Manage);
        Cap(WorkspaceAdminId, Capabilities.DownloadArtifacts);
        Cap(WorkspaceAdminId, Capabilities.ManageTokens);
        Cap(WorkspaceAdminId, Capabilities.ManageQuotas);
        Cap(WorkspaceAdminId, Capabilities.AuditRead);
        return list;
    }
}
