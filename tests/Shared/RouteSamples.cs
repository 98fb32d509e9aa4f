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
}
