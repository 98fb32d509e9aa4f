using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// The native routes of registry storage: create a version from an uploaded package (in-house, or a third-party
/// import with provenance), list a version's files with their digests, and re-verify them.
/// </summary>
public static class RegistryStorageEndpoints
{
    public static IEndpointRouteBuilder MapRegistryStorage(this IEndpointRouteBuilder app)
    {
        var versions = app.MapGroup("/api/v1/models/{name}/versions").WithTags("Models");
        versions.MapPost("/upload", (string name, HttpContext context, UploadModelVersion handler, StoredVersions stored, CancellationToken cancellationToken) =>
                UploadAsync(name, context, handler, stored, thirdParty: false, cancellationToken))
            .WithName("UploadModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit))
            .WithSummary("Create a version from an uploaded package")
            .WithDescription("The body is the package: raw (?filename=model.onnx) or multipart/form-data with one file part. A bare file, an ML.NET .zip, or an MLflow model directory as .zip, .tar or .tar.gz. Query parameters (or form fields before the file): filename, description, tag=key=value.");
        versions.MapPost("/import", (string name, HttpContext context, UploadModelVersion handler, StoredVersions stored, CancellationToken cancellationToken) =>
                UploadAsync(name, context, handler, stored, thirdParty: true, cancellationToken))
            .WithName("ImportModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Edit))
            .WithSummary("Import a third-party model as a new version")
            .WithDescription("As upload, plus provenance: origin (required), license, author, source_url. The version's origin is third_party.");
        versions.MapGet("/{version}/files", FilesAsync).WithName("ListModelVersionFiles").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        versions.MapPost("/{version}/verify", VerifyAsync).WithName("VerifyModelVersion").RequireAccess(AccessRule.On(ResourceLocator.RegisteredModel(RequestValueSource.Route, "name"), Permission.Read));
        return app;
    }

    private static async Task<Results<Created<StoredModelVersionResponse>, ProblemHttpResult>> UploadAsync(
        string name, HttpContext context, UploadModelVersion handler, StoredVersions stored, bool thirdParty, CancellationToken cancellationToken)
    {
        name = Uri.UnescapeDataString(name);
        var result = await PackageUploadRequest.ReadAsync(context, (fileName, content, fields) =>
        {
            string? Field(string key) => fields.LastOrDefault(f => f.Key == key).Value is { Length: > 0 } value ? value : null;
            var tags = fields.Where(f => f.Key == "tag").Select(f => f.Value.Split('=', 2)).Select(kv => new KeyValue(kv[0], kv.Length > 1 ? kv[1] : "")).ToList();
            var provenance = thirdParty ? new Provenance(Field("origin") ?? "", Field("license"), Field("author"), Field("source_url")) : null;
            return handler.HandleAsync(new UploadModelVersionCommand(name, fileName, content, Field("description"), tags, provenance), cancellationToken);
        }, cancellationToken);
        if (!result.IsSuccess)
        {
            return ProblemResults.Problem(result.Error);
        }

        var version = result.Value.Version;
        var files = await stored.FindAsync(version.RegisteredModelId, version.Version, cancellationToken);
        var response = ToResponse(result.Value, files.IsSuccess ? files.Value.Files : []);
        return TypedResults.Created($"/api/v1/models/{Uri.EscapeDataString(result.Value.Name)}/versions/{response.Version}", response);
    }

    private static async Task<Results<Ok<IReadOnlyList<ModelVersionFileResponse>>, ProblemHttpResult>> FilesAsync(
        string name, string version, StoredVersions stored, CancellationToken cancellationToken)
    {
        var result = await stored.FindAsync(Uri.UnescapeDataString(name), version, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok<IReadOnlyList<ModelVersionFileResponse>>(result.Value.Files.Select(f => new ModelVersionFileResponse(f.Path, f.Size, f.Sha256)).ToList())
            : ProblemResults.Problem(result.Error);
    }

    private static async Task<Results<Ok<VersionVerificationResponse>, ProblemHttpResult>> VerifyAsync(
        string name, string version, VerifyModelVersion handler, CancellationToken cancellationToken)
    {
        var result = await handler.HandleAsync(Uri.UnescapeDataString(name), version, cancellationToken);
        return result.IsSuccess
            ? TypedResults.Ok(new VersionVerificationResponse(
                result.Value.Name,
                result.Value.Version.ToString(CultureInfo.InvariantCulture),
                result.Value.Ok,
                result.Value.Files.Select(f => new FileVerificationResponse(f.Path, f.Status, f.ExpectedSize, f.ExpectedSha256, f.ActualSize, f.ActualSha256)).ToList()))
            : ProblemResults.Problem(result.Error);
    }

    private static StoredModelVersionResponse ToResponse(ModelVersionView view, IReadOnlyList<Packages.ModelVersionFile> files)
    {
        var v = view.Version;
        return new StoredModelVersionResponse(
            view.Name,
            v.Version.ToString(CultureInfo.InvariantCulture),
            v.Source,
            v.RunId,
            v.Status,
            v.Origin,
            v.StorageKey is null ? null : RegistryStorageKeys.Uri(v.StorageKey),
            v.PackageFormat,
            v.Flavor,
            v.UnsafeFormat,
            v.ProvenanceOrigin,
            v.License,
            v.Author,
            v.SourceUrl,
            v.CreationTimestamp,
            files.Select(f => new ModelVersionFileResponse(f.Path, f.Size, f.Sha256)).ToList());
    }
}
