using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

/// <summary>Where a version's files are (mlflow-rest.md §4.6), the run a source implies, and the logged model it names.</summary>
public sealed record ResolvedSource(string StorageLocation, string? SourceRunId, string? LoggedModelId = null);

/// <summary>
/// Derives a version's storage location from its source: a logged model's or a run's artifact location, another
/// version's location, or an <c>mlflow-artifacts:</c> URI as it is. Local paths, <c>file:</c> and http(s) are refused.
/// A <c>runs:/&lt;run&gt;/&lt;name&gt;[/…]</c> source whose run path holds no files falls back to the run's logged model
/// named <c>&lt;name&gt;</c>, as the 3.x client resolves it (mlflow-rest.md §4.5).
/// </summary>
public sealed class VersionSource(SlipwayDbContext db, RegistryLoader loader, IArtifactStore store)
{
    private const string ArtifactsScheme = "mlflow-artifacts:";
    private const string RunsScheme = "runs:/";
    private const string ModelsScheme = "models:/";

    public async Task<Result<ResolvedSource>> ResolveAsync(string? source, string? modelId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(source))
        {
            return Error.MissingField("source");
        }

        if (source.Length > RegistryLimits.SourceLength)
        {
            return Error.Invalid($"'source' is {source.Length} characters; the limit is {RegistryLimits.SourceLength}.", "source");
        }

        if (!string.IsNullOrEmpty(modelId))
        {
            var model = await LoggedModelAsync(modelId, cancellationToken);
            if (!model.IsSuccess)
            {
                return model.Error;
            }

            if (!source.StartsWith(ModelsScheme, StringComparison.Ordinal))
            {
                var plain = await ResolveAsync(source, null, cancellationToken);
                if (!plain.IsSuccess)
                {
                    return plain.Error;
                }

                // Under the logged model's files, or under the artifacts of the run that produced it (a client may send
                // the run's model path together with the model id).
                var runRoot = model.Value.SourceRunId is { } runId
                    ? await db.Runs.Where(r => r.Id == runId).Select(r => r.ArtifactUri).FirstOrDefaultAsync(cancellationToken)
                    : null;
                return IsUnder(plain.Value.StorageLocation, model.Value.StorageLocation) || (runRoot is not null && IsUnder(plain.Value.StorageLocation, runRoot))
                    ? new ResolvedSource(plain.Value.StorageLocation, model.Value.SourceRunId, modelId)
                    : Storage.PackageErrors.Refused(Storage.PackageErrors.SourceOutsideModel,
                        $"The model version source '{source}' is outside the artifact location of logged model '{modelId}' and of its source run; register the logged model's files (models:/{modelId}).",
                        "source");
            }
        }

        if (source.StartsWith(ModelsScheme + "m-", StringComparison.Ordinal))
        {
            return await LoggedModelAsync(source[ModelsScheme.Length..], cancellationToken);
        }

        if (source.StartsWith(ModelsScheme, StringComparison.Ordinal))
        {
            return await RegisteredVersionAsync(source[ModelsScheme.Length..], cancellationToken);
        }

        if (source.StartsWith(RunsScheme, StringComparison.Ordinal))
        {
            return await RunAsync(source[RunsScheme.Length..], cancellationToken);
        }

        if (source.StartsWith(ArtifactsScheme, StringComparison.Ordinal))
        {
            var path = ArtifactPath.Parse(source[ArtifactsScheme.Length..].TrimStart('/'));
            return path.IsSuccess ? new ResolvedSource(source, null) : Invalid(source, path.Error.Message);
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            // The registry keeps its own copy of every version; fetching arbitrary URLs server-side would be an SSRF hole.
            return Storage.PackageErrors.Refused(Storage.PackageErrors.SourceNotCopyable,
                $"Invalid model version source '{source}': http(s) sources are not copied into the registry; use the mlflow-artifacts:/ form of an artifact in this server, or upload the package (POST /api/v1/models/{{name}}/versions/upload).",
                "source");
        }

        return Invalid(source, "local paths and file: URIs are not allowed; register from a run (runs:/), a logged model (models:/m-…) or mlflow-artifacts:/.");
    }

    /// <summary>Whether a location is a logged model's artifact location or lies under it, compared as store keys.</summary>
    private static bool IsUnder(string location, string root)
    {
        var (key, rootKey) = (Storage.VersionStorage.KeyOf(location), Storage.VersionStorage.KeyOf(root));
        return key.IsSuccess && rootKey.IsSuccess
            && (key.Value == rootKey.Value || key.Value.StartsWith(rootKey.Value + "/", StringComparison.Ordinal));
    }

    private static Error Invalid(string source, string why) => Error.Invalid($"Invalid model version source '{source}': {why}", "source");

    private async Task<Result<ResolvedSource>> LoggedModelAsync(string modelId, CancellationToken cancellationToken)
    {
        var model = await db.LoggedModels.Where(m => m.Id == modelId)
            .Select(m => new { m.ArtifactUri, m.SourceRunId }).FirstOrDefaultAsync(cancellationToken);
        return model is null
            ? Error.NotFound($"Logged model with id '{modelId}' not found.")
            : new ResolvedSource(model.ArtifactUri, model.SourceRunId, modelId);
    }

    private async Task<Result<ResolvedSource>> RunAsync(string rest, CancellationToken cancellationToken)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var runId = slash < 0 ? rest : rest[..slash];
        var relative = slash < 0 ? "" : rest[(slash + 1)..];
        if (relative.Length > 0 && !ArtifactPath.Parse(relative).IsSuccess)
        {
            return Invalid("runs:/" + rest, "the artifact path is not a safe relative path.");
        }

        var artifactUri = await db.Runs.Where(r => r.Id == runId).Select(r => r.ArtifactUri).FirstOrDefaultAsync(cancellationToken);
        if (artifactUri is null)
        {
            return Error.NotFound($"Run with id={runId} not found");
        }

        var location = relative.Length == 0 ? artifactUri : artifactUri + "/" + relative.TrimEnd('/');
        if (relative.Length == 0 || await HoldsFilesAsync(location, cancellationToken))
        {
            return new ResolvedSource(location, runId);
        }

        // §4.5: downloads try the run's own files first, then the logged model named after the path's first segment
        // whose source run is this run (or, failing that, one the run logged as an output).
        return await LoggedModelOfRunAsync(runId, relative.TrimEnd('/'), cancellationToken) ?? new ResolvedSource(location, runId);
    }

    private async Task<ResolvedSource?> LoggedModelOfRunAsync(string runId, string relative, CancellationToken cancellationToken)
    {
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        var (name, rest) = slash < 0 ? (relative, "") : (relative[..slash], relative[(slash + 1)..]);
        var model = await db.LoggedModels
            .Where(m => m.Name == name && m.LifecycleStage == LifecycleStage.Active
                && (m.SourceRunId == runId
                    || db.RunModelLinks.Any(l => l.RunId == runId && l.ModelId == m.Id && l.Direction == RunModelLink.Output)))
            .OrderBy(m => m.SourceRunId == runId ? 0 : 1).ThenByDescending(m => m.CreationTimestamp).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.ArtifactUri })
            .FirstOrDefaultAsync(cancellationToken);
        return model is null
            ? null
            : new ResolvedSource(rest.Length == 0 ? model.ArtifactUri : model.ArtifactUri + "/" + rest, runId, model.Id);
    }

    /// <summary>Whether a location holds at least one file; a location that is not a store key counts as holding files (staging reports it).</summary>
    private async Task<bool> HoldsFilesAsync(string location, CancellationToken cancellationToken)
    {
        var key = Storage.VersionStorage.KeyOf(location);
        if (!key.IsSuccess)
        {
            return true;
        }

        try
        {
            var pending = new Queue<string>([key.Value]);
            var first = true;
            while (pending.TryDequeue(out var directory))
            {
                var entries = await store.ListAsync(directory, cancellationToken);
                if (entries is null && first)
                {
                    await using var file = await store.OpenReadAsync(directory, cancellationToken);
                    return file is not null;
                }

                first = false;
                foreach (var entry in entries ?? [])
                {
                    if (!entry.IsDirectory)
                    {
                        return true;
                    }

                    pending.Enqueue(ArtifactPath.Combine(directory, entry.Name));
                }
            }

            return false;
        }
        catch (ArtifactPathException)
        {
            return true;
        }
    }

    private async Task<Result<ResolvedSource>> RegisteredVersionAsync(string rest, CancellationToken cancellationToken)
    {
        var slash = rest.LastIndexOf('/');
        if (slash <= 0)
        {
            return Invalid(ModelsScheme + rest, "expected models:/<name>/<version> or models:/m-<id>.");
        }

        var version = await loader.VersionAsync(rest[..slash], rest[(slash + 1)..], cancellationToken);
        return version.IsSuccess ? new ResolvedSource(version.Value.Version.StorageLocation, version.Value.Version.RunId) : version.Error;
    }
}
