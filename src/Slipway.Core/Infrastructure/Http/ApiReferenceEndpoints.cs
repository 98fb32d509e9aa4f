using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;
using Slipway.Core.Governance;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>The OpenAPI document at /openapi/v1.json and the browsable reference at /scalar/v1.</summary>
public static class ApiReferenceEndpoints
{
    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().RequireAccess(Governance.Access.AccessRule.Self);
        // Default fonts come from a CDN, which the page's content security policy (BrowserGuard) does not allow.
        app.MapScalarApiReference(o => o.WithTitle("Slipway API").DisableDefaultFonts()).RequireAccess(Governance.Access.AccessRule.Self);
        return app;
    }
}
