using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// An uploaded package for a new version: the client's file name (which says what it is), its bytes, and for a
/// third-party import its provenance.
/// </summary>
public sealed record UploadModelVersionCommand(
    string? Name, string? FileName, Stream Content, string? Description, IReadOnlyList<KeyValue> Tags, Provenance? Provenance);

/// <summary>
/// Creates a version from an uploaded package (<see cref="PackageExtractor"/> says which kinds): the body is
/// streamed to a private directory under the package limits, extracted safely, then registered like any other
/// version, so it is inspected, copied into registry storage and digested the same way. A refusal leaves nothing:
/// no row, no registry files, no temporary directory.
/// </summary>
public sealed class UploadModelVersion(CreateModelVersion create, RegistryLoader loader, VersionStorage storage, IOptions<RegistryPackageOptions> limits)
{
    public const int ProvenanceFieldLength = 256;

    public async Task<Result<ModelVersionView>> HandleAsync(UploadModelVersionCommand command, CancellationToken cancellationToken)
    {
        var fileName = FileName(command.FileName);
        if (!fileName.IsSuccess)
        {
            return fileName.Error;
        }

        if (command.Provenance is { } provenance && Check(provenance) is { } provenanceError)
        {
            return provenanceError;
        }

        var model = await loader.FindAsync(command.Name, cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Error;
        }

        using var package = storage.CreatePackage();
        if (PackageExtractor.IsArchive(fileName.Value))
        {
            using var scratch = storage.CreatePackage();
            var spooled = await scratch.AddAsync(fileName.Value, command.Content, cancellationToken);
            if (!spooled.IsSuccess)
            {
                return spooled.Error;
            }

            var extracted = await PackageExtractor.ExtractAsync(scratch.FullPath(fileName.Value), fileName.Value, package, limits.Value, cancellationToken);
            if (!extracted.IsSuccess)
            {
                return extracted.Error;
            }
        }
        else
        {
            var added = await package.AddAsync(fileName.Value, command.Content, cancellationToken);
            if (!added.IsSuccess)
            {
                return added.Error;
            }
        }

        if (package.Files.Count == 0)
        {
            return PackageErrors.Refused(PackageErrors.Empty, $"The uploaded package '{fileName.Value}' holds no files.");
        }

        var origin = command.Provenance is null ? ModelOrigins.InHouse : ModelOrigins.ThirdParty;
        return await create.HandleAsync(
            new CreateModelVersionCommand(command.Name, null, null, null, command.Description, null, command.Tags, new UploadedPackage(package, origin, command.Provenance)),
            cancellationToken);
    }

    /// <summary>The base name of the client's file name, which must be a safe single path segment.</summary>
    private static Result<string> FileName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Error.MissingField("filename");
        }

        var name = raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..];
        var parsed = ArtifactPath.Parse(name);
        return parsed.IsSuccess && parsed.Value == name && ArtifactPath.IsSafeName(name)
            ? name
            : Error.Invalid($"Invalid file name '{raw}': give a plain file name such as model.onnx, model.zip or model.tar.gz.", "filename");
    }

    private static Error? Check(Provenance provenance)
    {
        if (string.IsNullOrWhiteSpace(provenance.Origin))
        {
            return Error.MissingField("origin");
        }

        foreach (var (field, value) in new[] { ("origin", provenance.Origin), ("license", provenance.License), ("author", provenance.Author) })
        {
            if (value is { Length: > ProvenanceFieldLength })
            {
                return Error.Invalid($"'{field}' is {value.Length} characters; the limit is {ProvenanceFieldLength}.", field);
            }

            if (value is not null && value.Any(char.IsControl))
            {
                return Error.Invalid($"'{field}' holds a control character.", field);
            }
        }

        if (provenance.SourceUrl is { Length: > 0 } url
            && (url.Length > RegistryLimits.SourceLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            return Error.Invalid($"'source_url' must be an absolute http(s) URL of at most {RegistryLimits.SourceLength} characters.", "source_url");
        }

        return null;
    }
}
