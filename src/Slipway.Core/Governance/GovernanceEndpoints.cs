using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts.Governance;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Oidc;
using Slipway.Core.Infrastructure.Http;

namespace Slipway.Core.Governance;

public static class GovernanceEndpoints
{
    public static IEndpointRouteBuilder MapGovernance(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Tokens").RequirePermission(Permission.Admin);
        tokens.MapGet("", ListAsync).WithName("ListTokens");
        tokens.MapPost("", CreateAsync).WithName("CreateToken");
        tokens.MapDelete("/{nameOrId}", RevokeAsync).WithName("RevokeToken");
        app.MapAudit();
        app.MapOidc();
        return app;
    }

    private static async Task<Ok<List<TokenResponse>>> ListAsync(ListTokens handler, CancellationToken cancellationToken)
    {
        var tokens = await handler.HandleAsync(cancellationToken);
        return TypedResults.Ok(tokens.ConvertAll(ToResponse));
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, HttpContext context, CreateToken handler, CancellationToken cancellationToken)
    {
        var principal = context.Features.Get<SlipwayPrincipal>()!;
        var result = await handler.HandleAsync(new CreateTokenCommand(request.Name, principal.UserId, principal.Name, request.ExpiresAt), cancellationToken);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/tokens/{result.Value.Token.Id}", new CreatedTokenResponse(ToResponse(result.Value.Token), result.Value.Secret))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RevokeAsync(
        string nameOrId, RevokeToken handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(nameOrId, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(ToResponse(result.Value)) : ProblemResults.Problem(result.Error);
    }

    internal static TokenResponse ToResponse(ApiToken t) =>
        new(t.Id, t.Name, t.Prefix, t.Principal, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}
