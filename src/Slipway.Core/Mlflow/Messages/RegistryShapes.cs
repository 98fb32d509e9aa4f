using Slipway.Core.Registry;

namespace Slipway.Core.Mlflow.Messages;

public sealed record RegisteredModelJson(
    string Name,
    long CreationTimestamp,
    long LastUpdatedTimestamp,
    string Description,
    List<ModelVersionJson>? LatestVersions,
    List<KeyValueJson>? Tags,
    List<RegisteredModelAliasJson>? Aliases);

public sealed record RegisteredModelAliasJson(string Alias, string Version);

public sealed record ModelVersionJson(
    string Name,
    string Version,
    long CreationTimestamp,
    long LastUpdatedTimestamp,
    string CurrentStage,
    string Description,
    string Source,
    string? RunId,
    string RunLink,
    string Status,
    string StatusMessage,
    List<KeyValueJson>? Tags,
    List<string>? Aliases);

/// <summary>The registry entities in MLflow's JSON shapes (mlflow-rest.md §3).</summary>
internal static class RegistryShapes
{
    public static RegisteredModelJson Model(RegisteredModelView view) => new(
        view.Model.Name,
        view.Model.CreationTimestamp,
        view.Model.LastUpdatedTimestamp,
        view.Model.Description,
        view.LatestVersions.Select(Version).ToList().NullIfEmpty(),
        view.Model.Tags.Select(t => new KeyValueJson(t.Key, t.Value)).ToList().NullIfEmpty(),
        view.Model.Aliases.Select(a => new RegisteredModelAliasJson(a.Alias, RegistryRules.Text(a.Version))).ToList().NullIfEmpty());

    public static ModelVersionJson Version(ModelVersionView view) => new(
        view.Name,
        RegistryRules.Text(view.Version.Version),
        view.Version.CreationTimestamp,
        view.Version.LastUpdatedTimestamp,
        view.Version.CurrentStage,
        view.Version.Description,
        view.Version.Source,
        view.Version.RunId,
        view.Version.RunLink,
        view.Version.Status,
        view.Version.StatusMessage,
        view.Version.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new KeyValueJson(t.Key, t.Value)).ToList().NullIfEmpty(),
        view.Aliases.ToList().NullIfEmpty());
}
