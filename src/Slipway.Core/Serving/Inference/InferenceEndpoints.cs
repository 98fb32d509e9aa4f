using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Hosting;
using Slipway.Core.Serving.Routing;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Inference;

/// <summary>
/// The data plane's paths (serving spec §1.1): Open Inference Protocol v2, KServe V1 and the MLflow scoring protocol.
/// Invoking needs USE on the deployment, reading its metadata READ; the health probes are anonymous.
/// </summary>
public static class InferenceEndpoints
{
    private static readonly ResourceLocator Deployment = ResourceLocator.Deployment(RequestValueSource.Route, "deployment");

    public static IEndpointRouteBuilder MapInference(this IEndpointRouteBuilder app)
    {
        var probes = app.MapGroup("").WithTags("Inference").AllowAnonymousAccess();
        probes.MapGet("/v2/health/live", () => TypedResults.Json(new JsonObject { ["live"] = true })).WithName("OipLive");
        probes.MapGet("/v2/health/ready", (DeploymentRouter router) => Ready(router)).WithName("OipReady");

        var use = app.MapGroup("").WithTags("Inference");
        use.MapPost("/v2/models/{deployment}/infer", (HttpContext c, InferenceHandler h, string deployment) => h.HandleAsync(c, InferenceProtocol.V2, deployment, null))
            .WithName("OipInfer").RequireAccess(AccessRule.On(Deployment, Permission.Use));
        use.MapPost("/v2/models/{deployment}/versions/{version}/infer", (HttpContext c, InferenceHandler h, string deployment, string version) => h.HandleAsync(c, InferenceProtocol.V2, deployment, version))
            .WithName("OipInferVersion").RequireAccess(AccessRule.On(Deployment, Permission.Edit)); // a direct version call bypasses the weights (spec §3.4)
        use.MapPost("/v1/models/{deployment}:predict", (HttpContext c, InferenceHandler h, string deployment) => h.HandleAsync(c, InferenceProtocol.V1, deployment, null))
            .WithName("V1Predict").RequireAccess(AccessRule.On(Deployment, Permission.Use));
        use.MapPost("/v1/models/{deployment}:explain", (HttpContext c, DeploymentRouter r, string deployment) => r.Find(Workspace(c), deployment) is null
                ? NotFound(deployment)
                : TypedResults.Json(new JsonObject { ["error"] = "Explanations are not supported by Slipway's runtimes.", ["code"] = "NOT_IMPLEMENTED" }, statusCode: 501))
            .WithName("V1Explain").RequireAccess(AccessRule.On(Deployment, Permission.Use));
        use.MapPost("/mlflow/{deployment}/invocations", (HttpContext c, InferenceHandler h, string deployment) => h.HandleAsync(c, InferenceProtocol.Mlflow, deployment, null))
            .WithName("MlflowInvocations").RequireAccess(AccessRule.On(Deployment, Permission.Use));

        var read = app.MapGroup("").WithTags("Inference");
        read.MapGet("/v2", ServerMetadata).WithName("OipServerMetadata").RequireAccess(AccessRule.Self);
        read.MapGet("/v2/models/{deployment}", (HttpContext c, DeploymentRouter r, ModelHost h, string deployment) => ModelMetadata(c, r, h, deployment, null))
            .WithName("OipModelMetadata").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/v2/models/{deployment}/versions/{version}", (HttpContext c, DeploymentRouter r, ModelHost h, string deployment, string version) => ModelMetadata(c, r, h, deployment, version))
            .WithName("OipVersionMetadata").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/v2/models/{deployment}/ready", (HttpContext c, DeploymentRouter r, ModelHost h, string deployment) => ModelReady(c, r, h, deployment, null, v1: false))
            .WithName("OipModelReady").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/v2/models/{deployment}/versions/{version}/ready", (HttpContext c, DeploymentRouter r, ModelHost h, string deployment, string version) => ModelReady(c, r, h, deployment, version, v1: false))
            .WithName("OipVersionReady").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/v1/models/{deployment}", (HttpContext c, DeploymentRouter r, ModelHost h, string deployment) => ModelReady(c, r, h, deployment, null, v1: true))
            .WithName("V1ModelStatus").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/mlflow/{deployment}/ping", (HttpContext c, DeploymentRouter r, string deployment) => Ping(c, r, deployment))
            .WithName("MlflowPing").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/mlflow/{deployment}/health", (HttpContext c, DeploymentRouter r, string deployment) => Ping(c, r, deployment))
            .WithName("MlflowHealth").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/mlflow/{deployment}/version", (HttpContext c, DeploymentRouter r, string deployment) =>
                r.Find(Workspace(c), deployment) is null ? NotFound(deployment) : TypedResults.Text(MlflowCompatibleVersion))
            .WithName("MlflowVersion").RequireAccess(AccessRule.On(Deployment, Permission.Read));
        read.MapGet("/v1/models", ListAsync)
            .WithName("V1Models").RequireAccess(AccessRule.Filtered(ResourceTypes.Deployment));
        return app;
    }

    /// <summary>The MLflow scoring-server version the <c>/invocations</c> protocol follows.</summary>
    public const string MlflowCompatibleVersion = "3.1.0";

    private static IResult ServerMetadata() => TypedResults.Json(new JsonObject
    {
        ["name"] = "slipway",
        ["version"] = typeof(InferenceEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
        ["extensions"] = new JsonArray("parameters", "schedule_policy"),
    });

    /// <summary>Ready when every deployment has at least one primary route serving (lazily loaded versions need not be resident).</summary>
    private static IResult Ready(DeploymentRouter router)
    {
        var ready = router.All.All(d => d.Table.Primaries.Count > 0);
        return TypedResults.Json(new JsonObject { ["ready"] = ready }, statusCode: ready ? 200 : 503);
    }

    private static IResult ModelMetadata(HttpContext context, DeploymentRouter router, ModelHost host, string deployment, string? version)
    {
        var state = router.Find(Workspace(context), deployment);
        if (state is null)
        {
            return NotFound(deployment);
        }

        var routes = Routes(state, version);
        if (routes.Count == 0)
        {
            return TypedResults.Json(new JsonObject { ["error"] = $"Deployment '{deployment}' has no version {version}.", ["code"] = ServingErrorCodes.VersionNotFound }, statusCode: 404);
        }

        var loaded = routes.Select(r => host.TryGetReady(r.Key)).FirstOrDefault(v => v is not null);
        if (loaded is null)
        {
            return TypedResults.Json(new JsonObject { ["error"] = $"Deployment '{deployment}' has no loaded version to describe yet.", ["code"] = ServingErrorCodes.ModelNotReady }, statusCode: 503);
        }

        var versions = new JsonArray();
        foreach (var number in routes.Select(r => r.Key.Version).Distinct().Order())
        {
            versions.Add(number.ToString(CultureInfo.InvariantCulture));
        }

        return TypedResults.Json(new JsonObject
        {
            ["name"] = deployment,
            ["versions"] = versions,
            ["platform"] = loaded.Info.Platform,
            ["inputs"] = Fields(loaded.Schema.Inputs),
            ["outputs"] = Fields(loaded.Schema.Outputs),
        });
    }

    private static JsonArray Fields(IReadOnlyList<FieldSpec> fields)
    {
        var list = new JsonArray();
        foreach (var field in fields)
        {
            var shape = new JsonArray();
            foreach (var dimension in field.Shape)
            {
                shape.Add(dimension);
            }

            list.Add(new JsonObject { ["name"] = field.Name, ["datatype"] = field.Type.OipName(), ["shape"] = shape });
        }

        return list;
    }

    private static IResult ModelReady(HttpContext context, DeploymentRouter router, ModelHost host, string deployment, string? version, bool v1)
    {
        var state = router.Find(Workspace(context), deployment);
        if (state is null)
        {
            return NotFound(deployment);
        }

        var routes = Routes(state, version);
        var ready = version is null
            ? state.Table.Primaries.Count > 0
            : routes.Any(r => host.TryGetReady(r.Key) is not null);
        return TypedResults.Json(new JsonObject { ["name"] = deployment, ["ready"] = ready }, statusCode: ready ? 200 : 503);
    }

    private static IResult Ping(HttpContext context, DeploymentRouter router, string deployment)
    {
        var state = router.Find(Workspace(context), deployment);
        return state is null ? NotFound(deployment) : state.Table.Primaries.Count > 0 ? TypedResults.Text("\n") : TypedResults.Text("\n", statusCode: 503);
    }

    private static async Task<IResult> ListAsync(HttpContext context, DeploymentRouter router, AccessEvaluator access, SlipwayDbContext db)
    {
        var principal = context.Features.Get<SlipwayPrincipal>()!;
        var models = new JsonArray();
        foreach (var state in router.All.Where(d => d.WorkspaceId == principal.WorkspaceId).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var level = await access.LevelAsync(principal, state.WorkspaceId, ResourceTypes.Deployment, state.Id.ToString(CultureInfo.InvariantCulture), db, context.RequestAborted);
            if (principal.Cap(level) is not null)
            {
                models.Add(state.Name);
            }
        }

        return TypedResults.Json(new JsonObject { ["models"] = models });
    }

    private static List<ActiveRoute> Routes(DeploymentState state, string? version) =>
        version is null
            ? [.. state.Table.Primaries]
            : [.. state.Table.All.Where(r => r.Key.Version.ToString(CultureInfo.InvariantCulture) == version)];

    private static long Workspace(HttpContext context) => context.Features.Get<SlipwayPrincipal>()!.WorkspaceId;

    private static IResult NotFound(string deployment) =>
        TypedResults.Json(new JsonObject { ["error"] = $"Deployment '{deployment}' does not exist.", ["code"] = ServingErrorCodes.ModelNotFound }, statusCode: 404);
}
