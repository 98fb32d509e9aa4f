using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow;

namespace Slipway.Core.Governance;

/// <summary>
/// The one place where access is enforced. It runs after routing, so it sees the endpoint's metadata: a route
/// that declares neither an <see cref="AccessRule"/> nor anonymous access is denied (fail closed). It authenticates
/// (<see cref="Authenticator"/>), picks the request's workspace, finds the resource the rule names
/// (<see cref="ResourceResolver"/>) and checks the caller's grants on it (<see cref="AccessEvaluator"/>).
/// </summary>
public sealed class AccessControlMiddleware(
    RequestDelegate next, DenialCollapser collapser, AccessEvaluator evaluator, RequestWorkspaces workspaces, ILogger<AccessControlMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, SlipwayDbContext db, AuditLog audit, Authenticator authenticator, ResourceResolver resolver)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<AnonymousAccess>() is not null)
        {
            await next(context);
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(context, db);
        var principal = authentication.Principal;
        if (principal is null)
        {
            logger.RequestRefused(context.Request.Method, context.Request.Path, authentication.Failure is null ? "no credentials" : "invalid credentials");
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"slipway\", Basic realm=\"slipway\"";
            await DenyAsync(context, audit, new Error(
                ErrorKind.Unauthenticated,
                "unauthenticated",
                authentication.Failure ?? "Credentials are required: send 'Authorization: Bearer <token>' or HTTP Basic with the token as the password."));
            return;
        }

        var rule = endpoint?.Metadata.GetMetadata<AccessRule>();
        if (endpoint is not null && rule is null && !IsFrameworkMethodNotAllowed(endpoint))
        {
            context.Features.Set(principal);
            await DenyAsync(context, audit, new Error(
                ErrorKind.Forbidden, "permission_denied", "This route declares no access rule and is closed."));
            return;
        }

        var workspace = await workspaces.SelectAsync(context, principal, db);
        if (!workspace.IsSuccess)
        {
            context.Features.Set(principal);
            await DenyAsync(context, audit, workspace.Error);
            return;
        }

        principal = principal with { WorkspaceId = workspace.Value };
        context.Features.Set(principal);
        var denial = rule is null ? null : await CheckAsync(context, principal, rule, db, resolver);
        if (denial is not null)
        {
            if (denial.Kind is ErrorKind.Forbidden or ErrorKind.Unauthenticated)
            {
                await DenyAsync(context, audit, denial);
            }
            else
            {
                await WriteErrorAsync(context, denial);
            }

            return;
        }

        await next(context);
    }

    /// <summary>Null when the rule holds; otherwise the refusal (or the 400 of a request whose resource cannot be read).</summary>
    private async Task<Error?> CheckAsync(HttpContext context, SlipwayPrincipal principal, AccessRule rule, SlipwayDbContext db, ResourceResolver resolver)
    {
        var cancellationToken = context.RequestAborted;
        switch (rule)
        {
            case SelfRule or FilteredRule:
                return null;
            case PlatformRule:
                return principal.IsPlatformAdmin
                    ? null
                    : Forbidden("This call is for platform admins.");
            case CapabilityRule capability:
                return await evaluator.HasCapabilityAsync(principal, principal.WorkspaceId, capability.Capability, db, cancellationToken)
                    ? null
                    : Forbidden($"This call needs the {capability.Capability} capability in this workspace.");
            case WorkspaceRule scope:
            {
                var level = await evaluator.LevelAsync(principal, principal.WorkspaceId, scope.ResourceType, ResourceTypes.Any, db, cancellationToken);
                return level >= scope.Level ? null : Forbidden($"This call needs {Name(scope.Level)} on {scope.ResourceType} in this workspace.");
            }

            case ResourceRule resource:
            {
                var resolved = await resolver.ResolveAsync(context, resource.Locator, principal.WorkspaceId);
                if (!resolved.IsSuccess)
                {
                    return resolved.Error;
                }

                if (resolved.Value is not { } target)
                {
                    // Nothing named, or nothing by that name: the handler answers 400 or 404 from the same values.
                    return null;
                }

                if (target.IsRoot)
                {
                    return principal.IsPlatformAdmin ? null : Forbidden("Only platform admins may reach artifact paths outside experiments and the registry.");
                }

                var level = await evaluator.LevelAsync(principal, target.WorkspaceId, target.ResourceType, target.ResourceId, db, cancellationToken);
                if (!(level >= resource.Level))
                {
                    return Forbidden($"This call needs {Name(resource.Level)} on {target.ResourceType} {target.ResourceId}.");
                }

                var capability = resource.Capability
                    ?? (target.IsModelFiles && HttpMethods.IsGet(context.Request.Method) ? Capabilities.DownloadArtifacts : null);
                return capability is null || await evaluator.HasCapabilityAsync(principal, target.WorkspaceId, capability, db, cancellationToken)
                    ? null
                    : Forbidden($"This call needs the {capability} capability on {target.ResourceType} {target.ResourceId}.");
            }

            default:
                return Forbidden("This route's access rule is not understood and the route is closed.");
        }
    }

    private static Error Forbidden(string message) => new(ErrorKind.Forbidden, "permission_denied", message);

    private static string Name(Permission level) => level.ToString().ToUpperInvariant();

    /// <summary>The routing system's own 405 endpoint carries no metadata of ours; it reveals nothing.</summary>
    private static bool IsFrameworkMethodNotAllowed(Endpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;

    /// <summary>Records the refusal (never the token) in its own transaction, then answers; a failed audit write still refuses.</summary>
    private async Task DenyAsync(HttpContext context, AuditLog audit, Error error)
    {
        var status = error.Kind == ErrorKind.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        // Keyed by the route pattern, not the path, so that varying a path segment cannot defeat the collapsing.
        var route = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
        var key = $"{context.Connection.RemoteIpAddress}|{status}|{context.Request.Method}|{route}";
        try
        {
            if (collapser.ShouldRecord(key, out var collapsed))
            {
                await audit.RecordDeniedAsync(status, error.Code, error.Message, collapsed, context.RequestAborted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.DenialNotAudited(context.Request.Method, context.Request.Path, e);
        }

        await WriteErrorAsync(context, error);
    }

    private static Task WriteErrorAsync(HttpContext context, Error error)
    {
        var result = MlflowRoutes.IsMlflowPath(context.Request.Path)
            ? MlflowResults.Error(error)
            : ProblemResults.Problem(error);
        return result.ExecuteAsync(context);
    }
}
