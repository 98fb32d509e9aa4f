using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// <c>/api/v1/deployments</c>: the control plane of serving (docs/serving.md). Create needs EDIT on deployments in
/// the workspace (the creator then holds MANAGE on it), reading needs READ, replacing EDIT, and deleting MANAGE
/// (governance.md §8.2). Bodies are JSON or YAML.
/// </summary>
public static class DeploymentEndpoints
{
    private static readonly string[] BodyTypes = ["application/json", "application/yaml"];

    public static IEndpointRouteBuilder MapDeployments(this IEndpointRouteBuilder app)
    {
        var deployments = app.MapGroup("/api/v1/deployments").WithTags("Deployments");
        var named = ResourceLocator.Deployment(RequestValueSource.Route, "name");
        deployments.MapGet("", ListAsync).WithName("ListDeployments").RequireAccess(AccessRule.Filtered(ResourceTypes.Deployment));
        deployments.MapPost("", CreateAsync).WithName("CreateDeployment").Accepts<DeploymentSpec>(BodyTypes[0], BodyTypes[1..])
            .RequireAccess(AccessRule.InWorkspace(ResourceTypes.Deployment, Permission.Edit));
        deployments.MapGet("/{name}", GetAsync).WithName("GetDeployment").RequireAccess(AccessRule.On(named, Permission.Read));
        deployments.MapPut("/{name}", UpdateAsync).WithName("UpdateDeployment").Accepts<DeploymentSpec>(BodyTypes[0], BodyTypes[1..])
            .RequireAccess(AccessRule.On(named, Permission.Edit));
        deployments.MapDelete("/{name}", DeleteAsync).WithName("DeleteDeployment").RequireAccess(AccessRule.On(named, Permission.Manage));
        return app;
    }

    private static async Task<Ok<DeploymentsResponse>> ListAsync(DeploymentViews views, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DeploymentsResponse(await views.ListAsync(cancellationToken)));

    private static async Task<Results<Created<DeploymentResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, CreateDeployment handler, DeploymentViews views, CancellationToken cancellationToken)
    {
        var spec = await DeploymentBody.ReadAsync(request, cancellationToken);
        if (!spec.IsSuccess)
        {
            return ProblemResults.Problem(spec.Error);
        }

        var result = await handler.HandleAsync(spec.Value, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/deployments/{Uri.EscapeDataString(result.Value.Name)}", await views.ResponseAsync(result.Value, cancellationToken))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<DeploymentResponse>, ProblemHttpResult>> GetAsync(string name, DeploymentViews views, CancellationToken cancellationToken)
    {
        var result = await views.GetAsync(name, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<DeploymentResponse>, ProblemHttpResult>> UpdateAsync(
        string name, HttpRequest request, UpdateDeployment handler, DeploymentViews views, CancellationToken cancellationToken)
    {
        var spec = await DeploymentBody.ReadAsync(request, cancellationToken);
        if (!spec.IsSuccess)
        {
            return ProblemResults.Problem(spec.Error);
        }

        var result = await handler.HandleAsync(name, spec.Value, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(await views.ResponseAsync(result.Value, cancellationToken)) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, DeleteDeployment handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(name, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : ProblemResults.Problem(result.Error);
    }
}
