using System.Globalization;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// The layout of registry-owned storage: version <c>v</c> of registered model <c>id</c> lives under the key prefix
/// <c>registry/&lt;id&gt;/&lt;v&gt;/</c> of the artifact store. Experiment ids are decimal, so the prefix cannot
/// collide with an experiment's files; the proxy serves it read-only.
/// </summary>
public static class RegistryStorageKeys
{
    public const string Root = "registry";

    public static string For(long registeredModelId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{Root}/{registeredModelId}/{version}");

    /// <summary>The prefix holding every version's copy of registered model <paramref name="registeredModelId"/>.</summary>
    public static string ForModel(long registeredModelId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Root}/{registeredModelId}");

    /// <summary>The <c>mlflow-artifacts:</c> URI of a version's copy, which <c>get-download-uri</c> answers.</summary>
    public static string Uri(string storageKey) => "mlflow-artifacts:/" + storageKey;

    /// <summary>Whether a parsed artifact key is registry storage or lies under it.</summary>
    public static bool IsRegistry(string key) =>
        key == Root || key.StartsWith(Root + "/", StringComparison.Ordinal);

    /// <summary>The refusal of a write or delete under <see cref="Root"/> through the artifact proxy.</summary>
    public static Error Immutable { get; } = new(ErrorKind.Forbidden, "permission_denied",
        "Registry storage (registry/...) is immutable: a version's files are written once, when it is registered, and cannot be changed or deleted through the artifact API.");

    /// <summary>Splits <c>registry/&lt;id&gt;/&lt;v&gt;[/&lt;path&gt;]</c>; false for anything else.</summary>
    public static bool TryParse(string key, out long registeredModelId, out int version, out string path)
    {
        registeredModelId = 0;
        version = 0;
        path = "";
        var parts = key.Split('/', 4);
        if (parts.Length < 3 || parts[0] != Root
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out registeredModelId)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            return false;
        }

        path = parts.Length == 4 ? parts[3] : "";
        return true;
    }
}
