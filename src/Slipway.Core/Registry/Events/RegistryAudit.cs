using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;

namespace Slipway.Core.Registry.Events;

/// <summary>The audit event of a registry change: <c>MODEL_VERSION_ALIAS</c> + <c>SET</c> is <c>registered_model.alias.set</c>.</summary>
internal static class RegistryAudit
{
    public static AuditEntry EntryFor(RegistryChange change) => new(Noun(change.Entity) + "." + change.Action.ToLowerInvariant())
    {
        Resource = new JsonObject
        {
            ["type"] = change.Version is null ? "registered_model" : "model_version",
            ["id"] = change.RegisteredModelId.ToString(CultureInfo.InvariantCulture),
            ["name"] = change.ModelName,
            ["workspace"] = change.WorkspaceId.ToString(CultureInfo.InvariantCulture),
            ["version"] = change.Version?.ToString(CultureInfo.InvariantCulture),
        },
        Changes = Redact((JsonObject)change.Data.DeepClone()),
    };

    /// <summary>The PII rule of <see cref="AuditRedaction"/>: tag values out, tag keys kept (the webhook payload keeps them).</summary>
    private static JsonObject Redact(JsonObject data)
    {
        if (data["value"] is not null && data["key"] is not null)
        {
            data.Remove("value");
        }

        if (data["tags"] is JsonObject tags)
        {
            data["tags"] = AuditRedaction.Keys(tags.Select(t => t.Key));
        }

        return data;
    }

    private static string Noun(string entity) => entity switch
    {
        RegistryEntities.RegisteredModel => "registered_model",
        RegistryEntities.ModelVersion => "model_version",
        RegistryEntities.ModelVersionTag => "model_version.tag",
        RegistryEntities.ModelVersionAlias => "registered_model.alias",
        RegistryEntities.RegisteredModelTag => "registered_model.tag",
        _ => entity.ToLowerInvariant(),
    };
}
