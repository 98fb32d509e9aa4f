using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Slipway.Contracts.Governance;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Governance.Oidc;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance;

public static class GovernanceEndpoints
{
    public static IEndpointRouteBuilder MapGovernance(this IEndpointRouteBuilder app)
    {
        // Self-service: each handler limits the call to the caller's own tokens (platform admins: any).
        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Tokens").RequireAccess(AccessRule.Self);
        tokens.MapGet("", ListAsync).WithName("ListTokens");
        tokens.MapPost("", CreateAsync).WithName("CreateToken").RefuseNarrowedTokens();
        tokens.MapDelete("/{nameOrId}", RevokeAsync).WithName("RevokeToken");
        // Not self-service: quotas are set by whoever manages them in the token's workspace (governance.md §8.2 "quota / tier").
        app.MapPut("/api/v1/tokens/{id}/limits", SetLimitsAsync).WithName("SetTokenLimits").WithTags("Tokens")
            .RequireAccess(AccessRule.RequiresCapability(Capabilities.ManageQuotas)).Accepts<TokenLimitsRequest>("application/json");
        app.MapIdentity();
        app.MapPost("/api/v1/service-accounts/{name}/tokens", CreateServiceTokenAsync).WithName("CreateServiceAccountToken").WithTags("Tokens")
            .RequireAccess(AccessRule.RequiresCapability(Capabilities.ManageTokens));
        app.MapAccessAdministration();
        app.MapAudit();
        app.MapOidc();
        return app;
    }

    private static async Task<Results<Ok<List<TokenResponse>>, ProblemHttpResult>> ListAsync(
        HttpContext context, ListTokens handler, CancellationToken cancellationToken, [FromQuery] bool all = false)
    {
        var result = await handler.HandleAsync(Caller(context), all, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(result.Value.ConvertAll(t => ToResponse(t.Token, t.Workspace))) : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, HttpContext context, IssueToken handler, SlipwayDbContext db, IOptions<AuthOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = await CapExpiryAsync(Caller(context), Command(request), db, options.Value, time, cancellationToken);
        var result = await handler.ForSelfAsync(Caller(context), command, cancellationToken);
        return await CreatedAsync(result, db, cancellationToken);
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateServiceTokenAsync(
        string name, CreateTokenRequest request, HttpContext context, IssueToken handler, SlipwayDbContext db, IOptions<AuthOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var command = await CapExpiryAsync(Caller(context), Command(request), db, options.Value, time, cancellationToken);
        var result = await handler.ForServiceAccountAsync(Caller(context), name, command, cancellationToken);
        return await CreatedAsync(result, db, cancellationToken);
    }

    /// <summary>
    /// A token made with a token expires no later than that token: a later expiry, the default lifetime past it, or
    /// none at all become its expiry, which the response's <c>expires_at</c> shows. Sessions are not capped.
    /// </summary>
    private static async Task<IssueTokenCommand> CapExpiryAsync(
        SlipwayPrincipal caller, IssueTokenCommand command, SlipwayDbContext db, AuthOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (caller.TokenId is not { } tokenId || (command.ExpiresAt is not null && command.NeverExpires))
        {
            return command;
        }

        var limit = await db.ApiTokens.AsNoTracking().Where(t => t.Id == tokenId).Select(t => t.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (limit is null)
        {
            return command;
        }

        var wanted = command.ExpiresAt
            ?? (command.NeverExpires || options.TokenDefaultDays == 0 ? null : time.GetUtcNow().AddDays(options.TokenDefaultDays).ToUnixTimeMilliseconds());
        return wanted is null || wanted > limit ? command with { ExpiresAt = limit, NeverExpires = false } : command;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RevokeAsync(
        string nameOrId, HttpContext context, RevokeToken handler, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Caller(context), nameOrId, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(ToResponse(result.Value, await WorkspaceNameAsync(db, result.Value.WorkspaceId, cancellationToken)))
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SetLimitsAsync(
        string id, HttpContext context, SetTokenLimits handler, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var request = await StrictJsonBody.ReadAsync<TokenLimitsRequest>(context);
        if (!request.IsSuccess)
        {
            return ProblemResults.Problem(request.Error);
        }

        var result = await handler.HandleAsync(Caller(context), id, request.Value, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(ToResponse(result.Value, await WorkspaceNameAsync(db, result.Value.WorkspaceId, cancellationToken)))
            : ProblemResults.Problem(result.Error);
    }

    private static IssueTokenCommand Command(CreateTokenRequest request) =>
        new(request.Name, request.ExpiresAt, request.Workspace, request.MaxPermission, request.NeverExpires);

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreatedAsync(
        Result<CreatedToken> result, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        var token = result.Value.Token;
        var workspace = await WorkspaceNameAsync(db, token.WorkspaceId, cancellationToken);
        return TypedResults.Created($"/api/v1/tokens/{token.Id}", new CreatedTokenResponse(ToResponse(token, workspace), result.Value.Secret));
    }

    private static async Task<string?> WorkspaceNameAsync(SlipwayDbContext db, long? id, CancellationToken cancellationToken) =>
        id is null ? null : await db.Workspaces.AsNoTracking().Where(w => w.Id == id).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken);

    private static SlipwayPrincipal Caller(HttpContext context) => context.Features.Get<SlipwayPrincipal>()!;

    internal static TokenResponse ToResponse(ApiToken t, string? workspace) =>
        new(t.Id, t.Name, t.Prefix, t.Principal, t.CreatedAt, t.ExpiresAt, t.RevokedAt, workspace, PermissionLevels.Name(t.MaxPermission), t.LastUsedAt, Limits(t));

    /// <summary>The token's serving limits, or null when it has none (every field at its default).</summary>
    private static TokenLimitsResponse? Limits(ApiToken t) =>
        t is { DefaultTier: null, MaxTier: null, RatePerSecond: null, Burst: null, DailyRequestQuota: null, DailyRowQuota: null }
            ? null
            : new TokenLimitsResponse(t.DefaultTier, t.MaxTier, t.RatePerSecond, t.Burst, t.DailyRequestQuota, t.DailyRowQuota);
}
