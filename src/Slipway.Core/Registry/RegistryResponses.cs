using System.Text.Json;
using Slipway.Contracts.Registry;
using Slipway.Core.Registry.Catalog;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry;

/// <summary>The native API's shapes of registry views (Slipway.Contracts.Registry).</summary>
internal static class RegistryResponses
{
    public static RegisteredModelResponse Model(RegisteredModelView view) => new(
        view.Model.Name,
        view.Model.Description,
        view.Model.CreationTimestamp,
        view.Model.LastUpdatedTimestamp,
        view.Model.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
        view.Model.Aliases.ToDictionary(a => a.Alias, a => a.Version, StringComparer.Ordinal),
        view.LatestVersions.Select(v => Version(v)).ToList());

    public static ModelVersionResponse Version(ModelVersionView view, IReadOnlyList<ModelVersionFile>? files = null)
    {
        var v = view.Version;
        var thirdParty = v.ProvenanceOrigin is not null || v.License is not null || v.Author is not null || v.SourceUrl is not null;
        return new ModelVersionResponse(
            view.Name,
            v.Version,
            v.Description,
            v.Source,
            v.RunId,
            v.CurrentStage,
            v.Status,
            v.Origin,
            v.CreatedBy,
            v.PackageFormat,
            v.Flavor,
            Json(v.Signature),
            v.UnsafeFormat,
            v.StorageLocation,
            v.StorageKey,
            thirdParty ? new ModelProvenanceResponse(v.ProvenanceOrigin, v.License, v.Author, v.SourceUrl) : null,
            v.CreationTimestamp,
            v.LastUpdatedTimestamp,
            v.ArchivedAt,
            view.Aliases,
            v.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            files?.Select(f => new ModelVersionFileResponse(f.Path, f.Size, f.Sha256)).ToList());
    }

    public static ModelCardResponse Card(ModelCardView view) => new(
        view.Name,
        view.Version,
        view.Card.IntendedUse,
        view.Card.Limitations,
        view.Parts.TrainingData,
        view.Parts.EvaluationData,
        view.Parts.Metrics,
        view.Parts.Owners,
        view.Card.License,
        view.Card.Text,
        view.Card.UpdatedAt,
        view.Card.UpdatedBy,
        view.UnsafeFormat);

    private static JsonElement? Json(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Stored by the package inspector; if it is not JSON, show nothing rather than fail the read.
            return null;
        }
    }
}
