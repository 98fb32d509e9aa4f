using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Mlflow;

namespace Slipway.Core.Governance;

/// <summary>
/// The one place where access is enforced. It runs after routing, so it sees the endpoint's metadata: a route
/// that declares neither a <see cref="RequiredPermission"/> nor anonymous access is denied (fail closed).
/// Accepts <c>Authorization: Bearer &lt;token&gt;</c> and HTTP Basic with the token as the password, which is what
/// the stock MLflow clients send.
/// </summary>
public sealed class AccessControlMiddleware(RequestDelegate next, DenialCollapser collapser, ILogger<AccessControlMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, SlipwayDbContext db, AuditLog audit, Authenticator authenticator)
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

        context.Features.Set(principal);
        var required = endpoint?.Metadata.GetMetadata<RequiredPermission>();
        var rule = endpoint?.Metadata.GetMetadata<Access.AccessRule>();
        if (endpoint is not null && required is null && rule is null && !IsFrameworkMethodNotAllowed(endpoint))
        {
            await DenyAsync(context, audit, new Error(
                ErrorKind.Forbidden, "permission_denied", "This route declares no permission and is closed."));
            return;
        }

        // Until the AccessEvaluator lands: Self routes admit any signed-in caller, every other rule platform admins only.
        if ((required is not null || (rule is not null && rule is not Access.SelfRule)) && !principal.IsAdmin)
        {
            await DenyAsync(context, audit, new Error(
                ErrorKind.Forbidden, "permission_denied", $"This call needs the {required?.Level.ToString() ?? "platform admin"} permission."));
            return;
        }

        await next(context);
    }

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
