using System.Text.Json.Nodes;

namespace Slipway.Core.Tests.Registry.Packages;

/// <summary>Reads an MLflow-form signature (<c>{"inputs": "[…]", "outputs": "[…]"}</c>) for assertions.</summary>
internal static class SignatureAssert
{
    public static (JsonArray Inputs, JsonArray Outputs) Parse(string? signatureJson)
    {
        Assert.NotNull(signatureJson);
        var signature = JsonNode.Parse(signatureJson)!.AsObject();
        return (Part(signature, "inputs"), Part(signature, "outputs"));
    }

    public static void Column(JsonNode? field, string name, string type)
    {
        Assert.NotNull(field);
        Assert.Equal(name, (string?)field["name"]);
        Assert.Equal(type, (string?)field["type"]);
    }

    public static void Tensor(JsonNode? field, string name, string dtype, params long[] shape)
    {
        Assert.NotNull(field);
        Assert.Equal(name, (string?)field["name"]);
        Assert.Equal("tensor", (string?)field["type"]);
        Assert.Equal(dtype, (string?)field["tensor-spec"]!["dtype"]);
        Assert.Equal(shape, field["tensor-spec"]!["shape"]!.AsArray().Select(d => (long)d!).ToArray());
    }

    private static JsonArray Part(JsonObject signature, string part)
    {
        // MLflow stores each part as a JSON list inside a string.
        var text = (string?)signature[part];
        Assert.NotNull(text);
        return JsonNode.Parse(text)!.AsArray();
    }
}
