using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Slipway.Core.Governance;

public static class PermissionEndpointExtensions
{
    /// <summary>Declares what a caller needs for these routes (governance.md §8.2); see <see cref="Access.AccessRule"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, Access.AccessRule rule)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(rule);
        return builder;
    }

    /// <summary>Declares a route open to anonymous callers (health probes and sign-in only).</summary>
    public static TBuilder AllowAnonymousAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(AnonymousAccess.Instance);
        return builder;
    }
}
