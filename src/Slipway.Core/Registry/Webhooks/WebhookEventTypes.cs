using System.Text.Json;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>An event a webhook subscribes to: an entity and an action, as MLflow 3.3+ names them (upper case).</summary>
public sealed record WebhookEventType(string Entity, string Action)
{
    public override string ToString() => $"{Entity}.{Action}";
}

/// <summary>
/// The (entity, action) pairs webhooks may subscribe to. The MLflow API accepts exactly MLflow's pairs; the native
/// API also accepts Slipway's own (stage changes, archiving, deletions, integrity failures, ...). Subscriptions are
/// stored as a compact JSON array in a fixed key order, so that one stored pair is found with a substring match.
/// </summary>
public static class WebhookEventTypes
{
    private static readonly Dictionary<string, string[]> MlflowPairs = new(StringComparer.Ordinal)
    {
        [RegistryEntities.RegisteredModel] = [RegistryActions.Created],
        [RegistryEntities.ModelVersion] = [RegistryActions.Created],
        [RegistryEntities.ModelVersionTag] = [RegistryActions.Set, RegistryActions.Deleted],
        [RegistryEntities.ModelVersionAlias] = [RegistryActions.Created, RegistryActions.Deleted],
        // Accepted for compatibility; Slipway has no prompt registry events yet, so these never fire.
        ["PROMPT"] = [RegistryActions.Created],
        ["PROMPT_VERSION"] = [RegistryActions.Created],
        ["PROMPT_TAG"] = [RegistryActions.Set, RegistryActions.Deleted],
        ["PROMPT_VERSION_TAG"] = [RegistryActions.Set, RegistryActions.Deleted],
        ["PROMPT_ALIAS"] = [RegistryActions.Created, RegistryActions.Deleted],
    };

    private static readonly Dictionary<string, string[]> SlipwayPairs = new(StringComparer.Ordinal)
    {
        [RegistryEntities.RegisteredModel] = [RegistryActions.Updated, RegistryActions.Renamed, RegistryActions.Deleted],
        [RegistryEntities.RegisteredModelTag] = [RegistryActions.Set, RegistryActions.Deleted],
        [RegistryEntities.ModelVersion] =
        [
            RegistryActions.Updated, RegistryActions.Deleted, RegistryActions.StageChanged, RegistryActions.Archived,
            RegistryActions.Restored, RegistryActions.FilesDeleted, RegistryActions.IntegrityFailed, RegistryActions.HoldAdded,
            RegistryActions.HoldRemoved, RegistryActions.CardUpdated, RegistryActions.IntegrityRestored,
        ],
        [RegistryEntities.ModelVersionAlias] = [RegistryActions.Moved],
    };

    public static bool IsMlflow(WebhookEventType type) =>
        MlflowPairs.TryGetValue(type.Entity, out var actions) && actions.Contains(type.Action);

    public static bool IsKnown(WebhookEventType type) =>
        IsMlflow(type) || (SlipwayPairs.TryGetValue(type.Entity, out var actions) && actions.Contains(type.Action));

    /// <summary>Validates and normalizes (upper case, no duplicates) a subscription list.</summary>
    public static Result<List<WebhookEventType>> Parse(IReadOnlyList<(string? Entity, string? Action)>? events, bool mlflowOnly)
    {
        if (events is null || events.Count == 0)
        {
            return Error.Invalid("Webhook events cannot be empty.", "events");
        }

        var parsed = new List<WebhookEventType>();
        foreach (var (entity, action) in events)
        {
            if (string.IsNullOrEmpty(entity) || string.IsNullOrEmpty(action))
            {
                return Error.Invalid("Each webhook event needs an 'entity' and an 'action'.", "events");
            }

            var type = new WebhookEventType(entity.ToUpperInvariant(), action.ToUpperInvariant());
            if (!(mlflowOnly ? IsMlflow(type) : IsKnown(type)))
            {
                var table = mlflowOnly ? MlflowPairs : Merge();
                return table.TryGetValue(type.Entity, out var valid)
                    ? Error.Invalid($"Invalid action '{type.Action}' for entity '{type.Entity}'. Valid actions are: [{string.Join(", ", valid)}].", "events")
                    : Error.Invalid($"Invalid webhook entity '{type.Entity}'. Valid entities are: [{string.Join(", ", table.Keys)}].", "events");
            }

            if (!parsed.Contains(type))
            {
                parsed.Add(type);
            }
        }

        return parsed;
    }

    public static string Serialize(IEnumerable<WebhookEventType> events) =>
        "[" + string.Join(",", events.Select(Pattern)) + "]";

    public static List<WebhookEventType> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<StoredEvent>>(json)!.ConvertAll(e => new WebhookEventType(e.entity, e.action));

    /// <summary>One pair as stored; a subscription to it contains exactly this text.</summary>
    public static string Pattern(WebhookEventType type) => $"{{\"entity\":\"{type.Entity}\",\"action\":\"{type.Action}\"}}";

    private static Dictionary<string, string[]> Merge()
    {
        var merged = MlflowPairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (entity, actions) in SlipwayPairs)
        {
            merged[entity] = [.. merged.GetValueOrDefault(entity, []), .. actions];
        }

        return merged;
    }

#pragma warning disable IDE1006 // The stored JSON's own field names.
    private sealed record StoredEvent(string entity, string action);
#pragma warning restore IDE1006
}
