using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Slipway.Tests;

/// <summary>Turns a route pattern into a concrete path, so that a test can call every route of the running app.</summary>
public static class RouteSamples
{
    public static string Instantiate(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => parameter.IsCatchAll ? "0/a/b.txt" : "x1",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        })));
        return string.Join('/', segments);
    }

    public static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"];

    /// <summary>The permission level a route's access rule asks for, or null when its rule names none.</summary>
    public static Slipway.Core.Governance.Permission? Level(Microsoft.AspNetCore.Routing.RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Slipway.Core.Governance.Access.AccessRule>() switch
        {
            Slipway.Core.Governance.Access.ResourceRule r => r.Level,
            Slipway.Core.Governance.Access.WorkspaceRule w => w.Level,
            _ => null,
        };
}
