using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Oidc;

/// <summary>OpenID Connect sign-in for browsers: <c>/api/v1/auth/oidc/login</c> and its callback (docs/sso.md).</summary>
public static class OidcEndpoints
{
    public static IEndpointRouteBuilder MapOidc(this IEndpointRouteBuilder app)
    {
        var oidc = app.MapGroup("/api/v1/auth/oidc").WithTags("Sign-in").AllowAnonymousAccess();
        oidc.MapGet("/login", LoginAsync).WithName("StartOidcLogin")
            .WithSummary("Start single sign-on")
            .WithDescription("Redirects to the identity provider. return_to is a path on this server to come back to after signing in (default '/').");
        oidc.MapGet("/callback", CallbackAsync).WithName("CompleteOidcLogin")
            .WithSummary("Single sign-on callback")
            .WithDescription("The identity provider redirects here; on success a session cookie is set and the browser is sent to return_to. Refusals are 401 with a code: oidc_state_mismatch, oidc_nonce_mismatch, oidc_invalid_token (with a reason), oidc_code_exchange_failed, oidc_provider_error, oidc_user_deactivated.");
        return app;
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> LoginAsync(
        HttpContext context, StartOidcLogin handler, CancellationToken cancellationToken, [FromQuery(Name = "return_to")] string? returnTo = null)
    {
        var result = await handler.HandleAsync(context, returnTo, cancellationToken);
        return result.IsSuccess ? TypedResults.Redirect(result.Value) : Problem(result.Error);
    }

    private static async Task<Results<RedirectHttpResult, ProblemHttpResult>> CallbackAsync(
        HttpContext context, CompleteOidcLogin handler, CancellationToken cancellationToken,
        string? code = null, string? state = null, string? error = null)
    {
        var result = await handler.HandleAsync(context, code, state, error, cancellationToken);
        return result.IsSuccess ? TypedResults.LocalRedirect(result.Value) : Problem(result.Error);
    }

    /// <summary>Problem details; a refused ID token also carries its <c>reason</c> (audience, issuer, expired, signature, …).</summary>
    private static ProblemHttpResult Problem(Error error)
    {
        if (error.Code != OidcErrors.InvalidToken || error.Field is null)
        {
            return ProblemResults.Problem(error);
        }

        var problem = ProblemResults.Problem(error with { Field = null });
        problem.ProblemDetails.Extensions["reason"] = error.Field;
        return problem;
    }
}
