using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts.Governance;
using Slipway.Core.Governance.Workspaces;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// <c>/api/v1/workspaces</c> and each workspace's roles, role bindings and direct grants. The rules name who may
/// call; handlers check the workspace named in the route (MANAGE on it, or platform admin).
/// </summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessAdministration(this IEndpointRouteBuilder app)
    {
        var workspaces = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces");
        workspaces.MapGet("", ListWorkspacesAsync).WithName("ListWorkspaces").RequireAccess(AccessRule.Filtered(ResourceTypes.Workspace));
        workspaces.MapPost("", CreateWorkspaceAsync).WithName("CreateWorkspace").RequireAccess(AccessRule.Platform);
        workspaces.MapGet("/{workspace}", GetWorkspaceAsync).WithName("GetWorkspace").RequireAccess(AccessRule.Self);
        workspaces.MapPatch("/{workspace}", UpdateWorkspaceAsync).WithName("UpdateWorkspace").RequireAccess(AccessRule.Self);
        workspaces.MapDelete("/{workspace}", DeleteWorkspaceAsync).WithName("DeleteWorkspace").RequireAccess(AccessRule.Platform);

        var access = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Access").RequireAccess(AccessRule.Self);
        access.MapGet("/roles", ListRolesAsync).WithName("ListRoles");
        access.MapPost("/roles", CreateRoleAsync).WithName("CreateRole");
        access.MapPut("/roles/{role}", UpdateRoleAsync).WithName("UpdateRole");
        access.MapDelete("/roles/{role}", DeleteRoleAsync).WithName("DeleteRole");
        access.MapGet("/bindings", ListBindingsAsync).WithName("ListRoleBindings");
        access.MapPost("/bindings", CreateBindingAsync).WithName("CreateRoleBinding");
        access.MapDelete("/bindings/{id:long}", DeleteBindingAsync).WithName("DeleteRoleBinding");
        access.MapGet("/grants", ListGrantsAsync).WithName("ListGrants");
        access.MapPut("/grants", SetGrantAsync).WithName("SetGrant");
        access.MapDelete("/grants/{id:long}", DeleteGrantAsync).WithName("DeleteGrant");
        return app;
    }

    private static async Task<Ok<List<WorkspaceResponse>>> ListWorkspacesAsync(HttpContext context, ListWorkspaces handler, CancellationToken cancellationToken) =>
        TypedResults.Ok((await handler.HandleAsync(Caller(context), cancellationToken)).ConvertAll(ToResponse));

    private static async Task<Results<Created<WorkspaceResponse>, ProblemHttpResult>> CreateWorkspaceAsync(
        CreateWorkspaceRequest request, CreateWorkspace handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(request.Name, request.Description, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/workspaces/{result.Value.Name}", ToResponse(result.Value))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> GetWorkspaceAsync(
        string workspace, HttpContext context, ListWorkspaces handler, CancellationToken cancellationToken) =>
        Answer(await handler.GetAsync(Caller(context), workspace, cancellationToken), ToResponse);

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> UpdateWorkspaceAsync(
        string workspace, UpdateWorkspaceRequest request, HttpContext context, UpdateWorkspace handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, request.Description, cancellationToken), ToResponse);

    private static async Task<Results<Ok<WorkspaceResponse>, ProblemHttpResult>> DeleteWorkspaceAsync(
        string workspace, DeleteWorkspace handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(workspace, cancellationToken), ToResponse);

    private static async Task<Results<Ok<List<RoleResponse>>, ProblemHttpResult>> ListRolesAsync(
        string workspace, HttpContext context, ListRoles handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, cancellationToken), roles => roles.ConvertAll(r => ToResponse(r, workspace)));

    private static async Task<Results<Created<RoleResponse>, ProblemHttpResult>> CreateRoleAsync(
        string workspace, RoleRequest request, HttpContext context, CreateRole handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Caller(context), workspace, Definition(request), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/workspaces/{workspace}/roles/{Uri.EscapeDataString(result.Value.Role.Name)}", ToResponse(result.Value, workspace))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> UpdateRoleAsync(
        string workspace, string role, RoleRequest request, HttpContext context, UpdateRole handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, role, Definition(request), cancellationToken), r => ToResponse(r, workspace));

    private static async Task<Results<Ok<RoleResponse>, ProblemHttpResult>> DeleteRoleAsync(
        string workspace, string role, HttpContext context, DeleteRole handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, role, cancellationToken), r => ToResponse(r, workspace));

    private static async Task<Results<Ok<List<BindingResponse>>, ProblemHttpResult>> ListBindingsAsync(
        string workspace, HttpContext context, ListBindings handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, cancellationToken), bindings => bindings.ConvertAll(b => ToResponse(b, workspace)));

    private static async Task<Results<Created<BindingResponse>, ProblemHttpResult>> CreateBindingAsync(
        string workspace, CreateBindingRequest request, HttpContext context, CreateBinding handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Caller(context), workspace, request.Role, request.User, request.Group, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/workspaces/{workspace}/bindings/{result.Value.Binding.Id}", ToResponse(result.Value, workspace))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<BindingResponse>, ProblemHttpResult>> DeleteBindingAsync(
        string workspace, long id, HttpContext context, DeleteBinding handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, id, cancellationToken), b => ToResponse(b, workspace));

    private static async Task<Results<Ok<List<GrantResponse>>, ProblemHttpResult>> ListGrantsAsync(
        string workspace,
        HttpContext context,
        ListGrants handler,
        CancellationToken cancellationToken,
        [FromQuery(Name = "resource_type")] string? resourceType = null,
        [FromQuery(Name = "resource_id")] string? resourceId = null) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, resourceType, resourceId, cancellationToken), grants => grants.ConvertAll(g => ToResponse(g, workspace)));

    private static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> SetGrantAsync(
        string workspace, SetGrantRequest request, HttpContext context, SetGrant handler, CancellationToken cancellationToken) =>
        Answer(
            await handler.HandleAsync(Caller(context), workspace, request.User, request.Group, request.ResourceType, request.ResourceId, request.Level, cancellationToken),
            g => ToResponse(g, workspace));

    private static async Task<Results<Ok<GrantResponse>, ProblemHttpResult>> DeleteGrantAsync(
        string workspace, long id, HttpContext context, DeleteGrant handler, CancellationToken cancellationToken) =>
        Answer(await handler.HandleAsync(Caller(context), workspace, id, cancellationToken), g => ToResponse(g, workspace));

    private static Results<Ok<TResponse>, ProblemHttpResult> Answer<T, TResponse>(Result<T> result, Func<T, TResponse> shape) =>
        result.IsSuccess ? TypedResults.Ok(shape(result.Value)) : ProblemResults.Problem(result.Error);

    private static SlipwayPrincipal Caller(HttpContext context) => context.Features.Get<SlipwayPrincipal>()!;

    private static RoleDefinition Definition(RoleRequest request) => new(
        request.Name,
        request.Description,
        request.Permissions?.Select(p => new RoleLine(p.ResourceType, p.ResourcePattern, p.Level)).ToList(),
        request.Capabilities);

    private static WorkspaceResponse ToResponse(Workspace w) => new(w.Id, w.Name, w.Description, w.CreatedAt);

    private static RoleResponse ToResponse(RoleView view, string workspace) => new(
        view.Role.Id,
        view.Role.Name,
        view.Role.Description,
        view.Role.IsBuiltin,
        view.Role.WorkspaceId is null ? null : workspace,
        [.. view.Lines.Where(l => l.Level is not null).Select(l => new RolePermissionItem(l.ResourceType, PermissionLevels.Name(l.Level!.Value), l.ResourcePattern))],
        [.. view.Lines.Where(l => l.Capability is not null).Select(l => l.Capability!)]);

    private static BindingResponse ToResponse(BindingView view, string workspace) => new(
        view.Binding.Id, workspace, view.RoleName, view.Binding.PrincipalKind, view.PrincipalName, view.Binding.CreatedAt, view.Binding.CreatedBy);

    private static GrantResponse ToResponse(GrantView view, string workspace) => new(
        view.Grant.Id, workspace, view.Grant.PrincipalKind, view.PrincipalName, view.Grant.ResourceType, view.Grant.ResourceId,
        PermissionLevels.Name(view.Grant.Level), view.Grant.CreatedAt, view.Grant.CreatedBy);
}
