using System.Globalization;
using System.Text.Json.Nodes;

namespace Slipway.Core.Registry.Events;

/// <summary>
/// The <c>data</c> of each registry event. For the events MLflow defines it is exactly MLflow's webhook payload
/// data (mlflow.webhooks.types: versions as strings, tags as an object); Slipway's own events carry what changed as
/// <c>from</c> and <c>to</c>.
/// </summary>
public static class RegistryEventData
{
    public static JsonObject RegisteredModelCreated(string name, IEnumerable<KeyValuePair<string, string>> tags, string? description) => new()
    {
        ["name"] = name,
        ["tags"] = Tags(tags),
        ["description"] = description,
    };

    public static JsonObject ModelVersionCreated(string name, int version, string source, string? runId, IEnumerable<KeyValuePair<string, string>> tags, string? description) => new()
    {
        ["name"] = name,
        ["version"] = Text(version),
        ["source"] = source,
        ["run_id"] = string.IsNullOrEmpty(runId) ? null : runId,
        ["tags"] = Tags(tags),
        ["description"] = string.IsNullOrEmpty(description) ? null : description,
    };

    public static JsonObject VersionTagSet(string name, int version, string key, string value) => new()
    {
        ["name"] = name,
        ["version"] = Text(version),
        ["key"] = key,
        ["value"] = value,
    };

    public static JsonObject VersionTagDeleted(string name, int version, string key) => new()
    {
        ["name"] = name,
        ["version"] = Text(version),
        ["key"] = key,
    };

    public static JsonObject AliasCreated(string name, string alias, int version) => new()
    {
        ["name"] = name,
        ["alias"] = alias,
        ["version"] = Text(version),
    };

    public static JsonObject AliasDeleted(string name, string alias) => new()
    {
        ["name"] = name,
        ["alias"] = alias,
    };

    /// <summary>Slipway's own events: the model, the version when there is one, and what changed.</summary>
    public static JsonObject Change(string name, int? version, JsonNode? from, JsonNode? to, params (string Key, string? Value)[] extra)
    {
        var data = new JsonObject { ["name"] = name };
        if (version is { } number)
        {
            data["version"] = Text(number);
        }

        foreach (var (key, value) in extra)
        {
            data[key] = value;
        }

        if (from is not null || to is not null)
        {
            data["from"] = from;
            data["to"] = to;
        }
        return data;
    }

    private static string Text(int version) => version.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Tags(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var json = new JsonObject();
        foreach (var (key, value) in tags)
        {
            json[key] = value;
        }

        return json;
    }
}
