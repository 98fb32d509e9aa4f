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
        Changes = (JsonObject)change.Data.DeepClone(),
    };

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
