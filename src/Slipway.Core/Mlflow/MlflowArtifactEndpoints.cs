using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Mlflow.Messages;
using Slipway.Core.Registry.Storage;
using Slipway.Core.Tracking.Runs;

namespace Slipway.Core.Mlflow;

/// <summary>
/// The MLflow artifact proxy (mlflow-rest.md §2.2, §4) under both artifact prefixes, and the tracking API's
/// <c>artifacts/list</c> (§2.1). Artifact paths are read from the raw request target (<see cref="RawArtifactPath"/>).
/// </summary>
public static class MlflowArtifactEndpoints
{
    /// <summary>The message the client matches (by prefix) to fall back to a single PUT (§4.3).</summary>
    public const string MultipartNotSupported = "Multipart upload is not supported for the current artifact repository";

    public static IEndpointRouteBuilder MapMlflowArtifacts(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in MlflowRoutes.ArtifactPrefixes)
        {
            var name = prefix == MlflowRoutes.Artifacts ? "" : "Ajax";
            var files = prefix + "/artifacts/";
            var group = app.MapGroup(prefix).WithTags("MLflow").ExcludeFromDescription();
            group.MapPut("/artifacts/{**path}", (HttpContext context, UploadArtifact handler, CancellationToken cancellationToken) =>
                    UploadAsync(context, files, handler, cancellationToken))
                .WithName("MlflowUploadArtifact" + name).RequireAccess(AccessRule.On(ResourceLocator.ArtifactPath, Permission.Edit));
            group.MapGet("/artifacts/{**path}", (HttpContext context, ReadArtifact handler, ReadRegistryFile registry, CancellationToken cancellationToken) =>
                    DownloadAsync(context, files, handler, registry, cancellationToken))
                .WithName("MlflowDownloadArtifact" + name).RequireAccess(AccessRule.On(ResourceLocator.ArtifactPath, Permission.Read));
            group.MapGet("/artifacts", ListAsync)
                .WithName("MlflowListArtifacts" + name).RequireAccess(AccessRule.On(ResourceLocator.ArtifactPath, Permission.Read));
            group.MapDelete("/artifacts/{**path}", (HttpContext context, DeleteArtifact handler, CancellationToken cancellationToken) =>
                    DeleteAsync(context, files, handler, cancellationToken))
                .WithName("MlflowDeleteArtifact" + name).RequireAccess(AccessRule.On(ResourceLocator.ArtifactPath, Permission.Manage));
            foreach (var step in (string[])["create", "complete", "abort"])
            {
                var mpu = $"{prefix}/mpu/{step}/";
                group.MapPost($"/mpu/{step}/{{**path}}", (HttpContext context) => MultipartNotImplemented(context, mpu))
                    .WithName($"MlflowMultipart{char.ToUpperInvariant(step[0])}{step[1..]}{name}").RequireAccess(AccessRule.On(ResourceLocator.ArtifactPath, Permission.Edit));
            }
        }

        app.MapRpc(MlflowRouteBuilder.Get, "artifacts/list", "ListRunArtifacts", AccessRule.On(ResourceLocator.Run(RequestValueSource.QueryOrBody, "run_id", "run_uuid"), Permission.Read), ListRunAsync);
        return app;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, string routePrefix, UploadArtifact handler, CancellationToken cancellationToken)
    {
        var path = RawArtifactPath.After(context, routePrefix);
        if (!path.IsSuccess)
        {
            return MlflowResults.Error(path.Error);
        }

        // Uploads are streamed and unbounded (§1.2 Size): lift Kestrel's 30 MB default for this route only.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var result = await handler.HandleAsync(path.Value, context.Request.Body, cancellationToken);
        return result.IsSuccess ? MlflowResults.Empty() : MlflowResults.Error(result.Error);
    }

    private static async Task<IResult> DownloadAsync(
        HttpContext context, string routePrefix, ReadArtifact handler, ReadRegistryFile registry, CancellationToken cancellationToken)
    {
        var path = RawArtifactPath.After(context, routePrefix);
        if (!path.IsSuccess)
        {
            return MlflowResults.Error(path.Error);
        }

        // Registry files are served with their digests checked as they stream (VerifiedDownloadResult).
        if (ArtifactPath.Parse(path.Value) is { IsSuccess: true } key && RegistryStorageKeys.IsRegistry(key.Value))
        {
            var opened = await registry.HandleAsync(key.Value, cancellationToken);
            return opened.IsSuccess ? new VerifiedDownloadResult(opened.Value)
                : opened.Error.Code == PackageErrors.IntegrityFailed ? MlflowResults.Error(VerifiedDownloadResult.DataLoss, opened.Error.Message, StatusCodes.Status500InternalServerError)
                : MlflowResults.Error(opened.Error);
        }

        var result = await handler.HandleAsync(path.Value, cancellationToken);
        return result.IsSuccess ? new ArtifactDownloadResult(result.Value) : MlflowResults.Error(result.Error);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ListArtifacts handler, CancellationToken cancellationToken)
    {
        var request = await MlflowRequest.ReadAsync<ListArtifactsRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var result = await handler.HandleAsync(request.Value.Path, cancellationToken);
        return MlflowResults.From(result, entries => new ListArtifactsResponse(
            entries.Select(e => new FileInfoJson(e.Name, e.IsDirectory, e.Size)).ToList().NullIfEmpty()));
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string routePrefix, DeleteArtifact handler, CancellationToken cancellationToken)
    {
        var path = RawArtifactPath.After(context, routePrefix);
        if (!path.IsSuccess)
        {
            return MlflowResults.Error(path.Error);
        }

        return MlflowResults.From(await handler.HandleAsync(path.Value, cancellationToken));
    }

    private static IResult MultipartNotImplemented(HttpContext context, string routePrefix)
    {
        var path = RawArtifactPath.After(context, routePrefix);
        var key = path.IsSuccess ? ArtifactPath.Parse(path.Value) : path;
        return key.IsSuccess
            ? MlflowResults.Error(MlflowErrorCode.NotImplemented, MultipartNotSupported, StatusCodes.Status501NotImplemented)
            : MlflowResults.Error(key.Error);
    }

    private static async Task<IResult> ListRunAsync(HttpContext context, ListRunArtifacts handler)
    {
        var request = await MlflowRequest.ReadAsync<ListRunArtifactsRequest>(context);
        if (!request.IsSuccess)
        {
            return MlflowResults.Error(request.Error);
        }

        var result = await handler.HandleAsync(new ListRunArtifactsQuery(request.Value.Id, request.Value.Path), context.RequestAborted);
        return MlflowResults.From(result, listing => new ListRunArtifactsResponse(
            listing.RootUri,
            listing.Files.Select(f => new FileInfoJson(f.Path, f.IsDirectory, f.Size)).ToList().NullIfEmpty()));
    }
}
