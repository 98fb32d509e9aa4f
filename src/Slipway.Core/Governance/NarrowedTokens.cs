using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance;

/// <summary>
/// Keeps narrowed tokens (<see cref="SlipwayPrincipal.IsNarrowed"/>) off credential self-service: changing the
/// password, enrolling or removing MFA, recovery codes, step-up and minting tokens. A leaked CI token bound to one
/// workspace or capped at READ must not enrol its own TOTP or mint a fresh token to outlive its revocation.
/// </summary>
public static class NarrowedTokens
{
    public const string Code = "narrowed_token";

    public static Error Refused { get; } = new(
        ErrorKind.Forbidden,
        Code,
        "This token is bound to a workspace or capped below MANAGE, so it cannot manage credentials, MFA or tokens; sign in or use a token with its owner's full rights.");

    /// <summary>
    /// Answers 403 <c>narrowed_token</c> to a narrowed token before the route's handler runs; the route carries
    /// <see cref="RefusesNarrowedTokens"/> so that tests and tools can see it.
    /// </summary>
    public static TBuilder RefuseNarrowedTokens<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithMetadata(RefusesNarrowedTokens.Instance)
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Features.Get<SlipwayPrincipal>() is { IsNarrowed: true }
                    ? ProblemResults.Problem(Refused)
                    : await next(context));
}

/// <summary>Endpoint metadata: the route refuses narrowed tokens (<see cref="NarrowedTokens.RefuseNarrowedTokens"/>).</summary>
public sealed class RefusesNarrowedTokens
{
    public static RefusesNarrowedTokens Instance { get; } = new();

    private RefusesNarrowedTokens()
    {
    }
}
