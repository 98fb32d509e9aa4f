using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Mlflow;

/// <summary>
/// The artifact path of a proxy URL exactly as the client sent it. Kestrel decodes the path and removes dot
/// segments before routing, so the routed value would hide <c>%2e%2e/</c> and <c>0/a/../../x</c>; the raw request
/// target keeps them for <see cref="Infrastructure.Artifacts.ArtifactPath"/> to refuse (mlflow-rest.md §4.4).
/// </summary>
internal static class RawArtifactPath
{
    /// <summary>The still-encoded rest of the request path after <paramref name="routePrefix"/> (which ends in '/').</summary>
    public static Result<string> After(HttpContext context, string routePrefix)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = PathOf(target);
        var expected = context.Request.PathBase.ToUriComponent() + routePrefix;
        if (!path.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
        {
            // The routed path differs from the raw one: dot segments or encoded characters before the artifact path.
            return Error.Invalid("Invalid path: the URL has dot segments or encoded characters before the artifact path.", "path");
        }

        return path[expected.Length..];
    }

    /// <summary>The path of an origin-form (<c>/a?b</c>) or absolute-form (<c>http://host/a?b</c>) request target.</summary>
    private static string PathOf(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            target = target[..query];
        }

        if (target.StartsWith('/'))
        {
            return target;
        }

        var authority = target.IndexOf("://", StringComparison.Ordinal);
        if (authority < 0)
        {
            return "";
        }

        var slash = target.IndexOf('/', authority + 3);
        return slash < 0 ? "/" : target[slash..];
    }
}
