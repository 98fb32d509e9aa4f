using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// The signature in the form MLflow stores it in <c>MLmodel</c>: an object whose <c>inputs</c>, <c>outputs</c> and
/// <c>params</c> are JSON lists serialized as strings (<c>{"inputs": "[{\"type\": \"double\", \"name\": \"age\"}]"}</c>).
/// </summary>
internal static class MlflowSignature
{
    public static string Write(IReadOnlyList<SignatureField> inputs, IReadOnlyList<SignatureField> outputs) =>
        Write(List(inputs), List(outputs), null);

    public static string Write(string inputs, string? outputs, string? parameters)
    {
        var signature = new JsonObject { ["inputs"] = inputs };
        if (outputs is not null)
        {
            signature["outputs"] = outputs;
        }

        if (parameters is not null)
        {
            signature["params"] = parameters;
        }

        return signature.ToJsonString();
    }

    /// <summary>Whether <paramref name="json"/> is the JSON list a signature part must be.</summary>
    public static string? ListError(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array ? null : "it is not a JSON list";
        }
        catch (JsonException e)
        {
            return e.Message;
        }
    }

    private static string List(IReadOnlyList<SignatureField> fields)
    {
        var list = new JsonArray();
        foreach (var field in fields)
        {
            list.Add(field.ToJson());
        }

        return list.ToJsonString();
    }
}
