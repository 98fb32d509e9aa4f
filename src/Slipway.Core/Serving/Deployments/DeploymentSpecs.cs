using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Slipway.Contracts.Serving;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// The stored form of a <see cref="DeploymentSpec"/>: snake_case JSON without the name and without defaults (an
/// omitted field stays omitted, so a changed default reaches every deployment that did not choose). The serving
/// plane reads a row back with <see cref="Parse(Deployment)"/>.
/// </summary>
public static class DeploymentSpecs
{
    /// <summary>snake_case, nulls left out, and a field the spec does not have is an error, never dropped.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    /// <summary>The stored spec of <paramref name="deployment"/> with its name.</summary>
    public static DeploymentSpec Parse(Deployment deployment) => Parse(deployment.Spec, deployment.Name);

    /// <summary>A stored spec (<see cref="Deployment.Spec"/>) with <paramref name="name"/>; throws <see cref="JsonException"/> on a corrupt row.</summary>
    public static DeploymentSpec Parse(string json, string name)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A stored deployment spec is not a JSON object.");
        node["name"] = name;
        return node.Deserialize<DeploymentSpec>(Json) ?? throw new JsonException("A stored deployment spec is empty.");
    }

    /// <summary>The JSON stored for <paramref name="spec"/>: its fields as given, without the name.</summary>
    public static string Serialize(DeploymentSpec spec)
    {
        var node = JsonSerializer.SerializeToNode(spec, Json)!.AsObject();
        node.Remove("name");
        return node.ToJsonString();
    }

    /// <summary>Binds a parsed body to the spec, refusing unknown fields and wrong JSON kinds with the field's path.</summary>
    internal static Result<DeploymentSpec> Bind(JsonObject body)
    {
        try
        {
            return body.Deserialize<DeploymentSpec>(Json) is { } spec ? spec : DeploymentErrors.Malformed("The deployment must be an object.");
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? DeploymentErrors.UnknownField(field, e.Message)
                : DeploymentErrors.WrongType(field, e.Message);
        }
    }

    /// <summary><c>$.routes[0].target.versio</c> → <c>routes[0].target.versio</c>.</summary>
    private static string? FieldOf(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
