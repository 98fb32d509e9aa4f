using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Slipway.Core.Mlflow;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>
/// Browser and origin hardening, before routing (governance.md §8.8 "Browser / origin"):
/// <list type="bullet">
/// <item>a Host header outside <see cref="BrowserGuardOptions.AllowedHosts"/> → 400 <c>host_not_allowed</c> (DNS rebinding);</item>
/// <item>a state change (POST, PUT, PATCH, DELETE) whose <c>Origin</c> is neither the server's own nor allowed, or whose
/// <c>Sec-Fetch-Site</c> is <c>cross-site</c> → 403 <c>cross_origin_refused</c>;</item>
/// <item>a state change with a body to a JSON API whose Content-Type is not JSON → 415 <c>unsupported_media_type</c>:
/// a page can send text/plain or a form cross-site without a CORS preflight (MLflow's CVE-2023-43472), never JSON.
/// The artifact proxy and the registry's package upload and import take files and are exempt;</item>
/// <item>security headers on every response: nosniff, no referrer, no framing, a same-origin content security policy.</item>
/// </list>
/// Clients that are not browsers (the SDK, the CLI, mlflow) send no Origin and JSON bodies, and are unaffected.
/// </summary>
public sealed class BrowserGuard
{
    public const string ContentSecurityPolicy = "default-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; object-src 'none'";

    /// <summary>The API reference page (Scalar) runs one inline script and inline styles of its own.</summary>
    public const string ApiReferenceContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; object-src 'none'";

    private static readonly string[] JsonApis = ["/api/v1", "/api/2.0/mlflow", "/api/3.0/mlflow", "/ajax-api/2.0/mlflow", "/ajax-api/3.0/mlflow"];
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "::1"];

    private readonly RequestDelegate next;
    private readonly bool anyHost;
    private readonly bool anyOrigin;
    private readonly List<string> hosts;
    private readonly HashSet<string> origins;

    public BrowserGuard(RequestDelegate next, IOptions<BrowserGuardOptions> options, IConfiguration configuration)
    {
        this.next = next;
        var settings = options.Value;
        // A list, or one value with ';' between entries (SLIPWAY_Server__AllowedHosts='*').
        var allowedHosts = settings.AllowedHosts.Concat(Split(configuration[BrowserGuardOptions.SectionName + ":AllowedHosts"])).ToList();
        var allowedOrigins = settings.AllowedOrigins.Concat(Split(configuration[BrowserGuardOptions.SectionName + ":AllowedOrigins"])).ToList();
        anyHost = allowedHosts.Contains("*");
        anyOrigin = allowedOrigins.Contains("*");
        hosts = allowedHosts.Count > 0
            ? [.. allowedHosts.Select(h => h.Trim().Trim('[', ']').ToLowerInvariant())]
            : [.. LoopbackNames, .. BoundHosts(configuration["Urls"])];
        origins = new HashSet<string>(allowedOrigins.Select(NormalizeOrigin).OfType<string>(), StringComparer.Ordinal);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.OnStarting(AddSecurityHeaders, context);
        if (!anyHost && !HostAllowed(request.Host))
        {
            return RefuseAsync(context, StatusCodes.Status400BadRequest, "host_not_allowed", MlflowErrorCode.InvalidParameterValue,
                $"The host '{Truncate(request.Host.Host)}' is not served here; add it to Server:AllowedHosts (environment variable SLIPWAY_Server__AllowedHosts__0).");
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return next(context);
        }

        var origin = request.Headers.Origin.ToString();
        var allowedOrigin = origin.Length > 0 && (anyOrigin || IsOwnOrigin(request, origin) || (NormalizeOrigin(origin) is { } o && origins.Contains(o)));
        if ((origin.Length > 0 && !allowedOrigin)
            || (!allowedOrigin && string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)))
        {
            return RefuseAsync(context, StatusCodes.Status403Forbidden, "cross_origin_refused", MlflowErrorCode.PermissionDenied,
                "A state change from another site is refused; to allow a trusted origin, add it to Server:AllowedOrigins.");
        }

        if (IsJsonApi(request.Path) && HasBody(context) && !IsJson(request.ContentType) && !IsDeploymentYaml(request))
        {
            return RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", MlflowErrorCode.InvalidParameterValue,
                $"Bad Request. Content-Type must be one of ['application/json'], not '{Truncate(request.ContentType ?? "")}'.");
        }

        return next(context);
    }

    private static Task AddSecurityHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase)
                ? ApiReferenceContentSecurityPolicy
                : ContentSecurityPolicy;
        }

        return Task.CompletedTask;
    }

    private bool HostAllowed(HostString host)
    {
        if (!host.HasValue)
        {
            // HTTP/1.0 without Host: no browser sends it, so it cannot carry a rebinding attack.
            return true;
        }

        var name = host.Host.Trim('[', ']').ToLowerInvariant();
        // An address names no domain an attacker could point at this server; only names can be rebound.
        return IPAddress.TryParse(name, out _)
            || hosts.Any(h => h == name || (h.StartsWith("*.", StringComparison.Ordinal) && name.EndsWith(h[1..], StringComparison.Ordinal)));
    }

    /// <summary>
    /// The request's own origin: same host, and the Host header's port (or, when it has none, the default port of
    /// the Origin's scheme, as behind a TLS-terminating proxy).
    /// </summary>
    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && request.Host.HasValue
        && string.Equals(uri.Host.Trim('[', ']'), request.Host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
        && (request.Host.Port is { } port ? uri.Port == port : uri.IsDefaultPort);

    private static string? NormalizeOrigin(string origin) =>
        Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    private static bool IsJsonApi(PathString path)
    {
        if (!JsonApis.Any(api => path.StartsWithSegments(api, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // POST /api/v1/models/{name}/versions/upload|import take a package: raw bytes or multipart.
        var segments = (path.Value ?? "").Split('/');
        return !(segments.Length == 7 && segments[2] == "v1" && segments[3] == "models" && segments[5] == "versions" && segments[6] is "upload" or "import");
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    /// <summary>
    /// Deployments also take the serving spec's YAML. A YAML media type is not one a page can send cross-site without a
    /// CORS preflight (only text/plain, forms and multipart are), so it is as safe here as JSON.
    /// </summary>
    private static bool IsDeploymentYaml(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1/deployments", StringComparison.OrdinalIgnoreCase)
        && MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
        && media.MediaType.Value?.ToLowerInvariant() is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml";

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value?.ToLowerInvariant() ?? "";
        return type == "application/json" || (type.StartsWith("application/", StringComparison.Ordinal) && type.EndsWith("+json", StringComparison.Ordinal));
    }

    /// <summary>Every address and name in <c>Urls</c> except the wildcards (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>).</summary>
    private static IEnumerable<string> BoundHosts(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var authority = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
            authority = authority.Split('/')[0];
            var host = authority.StartsWith('[') ? authority[1..authority.IndexOf(']', StringComparison.Ordinal)] : authority.Split(':')[0];
            if (host is not ("*" or "+" or "0.0.0.0" or "::" or ""))
            {
                yield return host.ToLowerInvariant();
            }
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string code, string mlflowCode, string message)
    {
        if (MlflowRoutes.IsMlflowPath(context.Request.Path))
        {
            return MlflowResults.Error(mlflowCode, message, status).ExecuteAsync(context);
        }

        var problem = new ProblemDetails
        {
            Status = status,
            Title = status switch { 400 => "The request is invalid.", 403 => "Permission denied.", _ => "Unsupported media type." },
            Detail = message,
            Type = $"https://slipway.dev/problems/{code.Replace('_', '-')}",
        };
        problem.Extensions["code"] = code;
        return TypedResults.Problem(problem).ExecuteAsync(context);
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Truncate(string value) => value.Length <= 100 ? value : value[..100];
}
