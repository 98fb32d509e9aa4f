using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;

namespace Slipway.Core.Mlflow;

/// <summary>Maps one MLflow RPC under every prefix it is served on (/api and the /ajax-api mirror).</summary>
internal static class MlflowRouteBuilder
{
    public static void MapRpc(this IEndpointRouteBuilder app, string[] methods, string path, string name, AccessRule rule, Delegate handler)
    {
        foreach (var prefix in MlflowRoutes.TrackingPrefixes)
        {
            var suffix = prefix == MlflowRoutes.Api2 ? "" : "Ajax";
            app.MapMethods(prefix + "/" + path, methods, handler)
                .WithName("Mlflow" + name + suffix)
                .WithTags("MLflow")
                .RequireAccess(rule)
                .ExcludeFromDescription();
        }
    }

    public static readonly string[] Get = [HttpMethods.Get];
    public static readonly string[] Post = [HttpMethods.Post];
    public static readonly string[] GetOrPost = [HttpMethods.Get, HttpMethods.Post];
    public static readonly string[] Patch = [HttpMethods.Patch];
    public static readonly string[] Delete = [HttpMethods.Delete];
}
