using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Tracking.LoggedModels;

namespace Slipway.Core.Registry;

/// <summary>
/// Records a new version on its logged model's <c>mlflow.modelVersions</c> tag, a JSON list of
/// <c>{name, version}</c> (mlflow-rest.md §2.3), unless the client already put it there.
/// </summary>
public sealed class LoggedModelRegistrations(SlipwayDbContext db)
{
    public const string TagKey = "mlflow.modelVersions";

    public async Task AddAsync(string modelId, string name, int version, CancellationToken cancellationToken)
    {
        var text = RegistryRules.Text(version);
        var tag = await db.LoggedModelTags.FirstOrDefaultAsync(t => t.ModelId == modelId && t.Key == TagKey, cancellationToken);
        var list = Parse(tag?.Value);
        if (list.OfType<JsonObject>().Any(e => Is(e["name"], name) && Is(e["version"], text)))
        {
            return;
        }

        list.Add(new JsonObject { ["name"] = name, ["version"] = text });
        if (tag is null)
        {
            db.LoggedModelTags.Add(new LoggedModelTag { ModelId = modelId, Key = TagKey, Value = list.ToJsonString() });
        }
        else
        {
            tag.Value = list.ToJsonString();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool Is(JsonNode? node, string expected) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text == expected;

    private static JsonArray Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(value) as JsonArray ?? [];
        }
        catch (JsonException)
        {
            // A client wrote something else into the tag; start a well-formed list rather than fail the registration.
            return [];
        }
    }
}
