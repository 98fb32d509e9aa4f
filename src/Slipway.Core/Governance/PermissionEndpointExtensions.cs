using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Slipway.Core.Governance;

public static class PermissionEndpointExtensions
{
    /// <summary>Declares the permission a caller needs for these routes.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission level)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(new RequiredPermission(level));
        return builder;
    }

    /// <summary>Declares a route open to anonymous callers (health probes only).</summary>
    public static TBuilder AllowAnonymousAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(AnonymousAccess.Instance);
        return builder;
    }
}
