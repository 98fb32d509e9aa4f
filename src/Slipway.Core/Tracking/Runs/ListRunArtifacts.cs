using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

/// <param name="RunId">The run whose artifacts to list.</param>
/// <param name="Path">A directory relative to the run's artifact root, still percent-encoded; empty for the root.</param>
public sealed record ListRunArtifactsQuery(string? RunId, string? Path);

/// <summary>A run's artifact root URI and the direct children of the listed directory.</summary>
public sealed record RunArtifactListing(string RootUri, IReadOnlyList<RunArtifactFile> Files);

/// <summary>A listed file or directory, its path relative to the run's artifact root (<c>tree/a.txt</c>).</summary>
public sealed record RunArtifactFile(string Path, bool IsDirectory, long? Size);

/// <summary>Lists one level of a run's artifacts (mlflow-rest.md §2.1 <c>artifacts/list</c>); deleted runs too.</summary>
public sealed class ListRunArtifacts(SlipwayDbContext db, IArtifactStore store)
{
    /// <summary>The scheme of the URIs Slipway hands out; the rest of the URI is the storage key (§4.1).</summary>
    public const string ProxiedScheme = "mlflow-artifacts:";

    public async Task<Result<RunArtifactListing>> HandleAsync(ListRunArtifactsQuery query, CancellationToken cancellationToken)
    {
        if (TrackingValidation.RunId(query.RunId) is { } invalid)
        {
            return invalid;
        }

        var relative = ArtifactPath.ParseDirectory(query.Path);
        if (!relative.IsSuccess)
        {
            return relative.Error;
        }

        var rootUri = await db.Runs.Where(r => r.Id == query.RunId).Select(r => r.ArtifactUri).FirstOrDefaultAsync(cancellationToken);
        if (rootUri is null)
        {
            return RunRules.NotFound(query.RunId!);
        }

        if (!rootUri.StartsWith(ProxiedScheme, StringComparison.Ordinal)
            || ArtifactPath.Parse(rootUri[ProxiedScheme.Length..].TrimStart('/')) is not { IsSuccess: true } root)
        {
            // Not in Slipway's store (§7 accepts no other location), so there is nothing here to list.
            return new RunArtifactListing(rootUri, []);
        }

        IReadOnlyList<ArtifactEntry>? entries;
        try
        {
            entries = await store.ListAsync(ArtifactPath.Combine(root.Value, relative.Value), cancellationToken);
        }
        catch (ArtifactPathException e)
        {
            return ArtifactPath.Refused(e);
        }

        var files = (entries ?? [])
            .Select(e => new RunArtifactFile(ArtifactPath.Combine(relative.Value, e.Name), e.IsDirectory, e.Size))
            .ToList();
        return new RunArtifactListing(rootUri, files);
    }
}
