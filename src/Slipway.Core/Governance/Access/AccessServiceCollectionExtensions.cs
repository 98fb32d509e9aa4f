using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance.Workspaces;

namespace Slipway.Core.Governance.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>The use cases that administer workspaces, roles, role bindings and direct grants.</summary>
    public static IServiceCollection AddAccessAdministration(this IServiceCollection services)
    {
        services.AddScoped<WorkspaceAccess>();
        services.AddScoped<PrincipalNames>();
        services.AddScoped<PrivilegeCheck>();
        services.AddScoped<WorkspaceRoles>();
        services.AddScoped<GrantTargets>();
        services.AddScoped<GrantStore>();
        services.AddScoped<ListWorkspaces>();
        services.AddScoped<CreateWorkspace>();
        services.AddScoped<UpdateWorkspace>();
        services.AddScoped<DeleteWorkspace>();
        services.AddScoped<ListRoles>();
        services.AddScoped<CreateRole>();
        services.AddScoped<UpdateRole>();
        services.AddScoped<DeleteRole>();
        services.AddScoped<ListBindings>();
        services.AddScoped<CreateBinding>();
        services.AddScoped<DeleteBinding>();
        services.AddScoped<ListGrants>();
        services.AddScoped<SetGrant>();
        services.AddScoped<DeleteGrant>();
        services.AddScoped<ResourcePermissions>();
        return services;
    }
}
