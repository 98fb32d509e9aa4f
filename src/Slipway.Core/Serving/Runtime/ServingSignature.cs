using System.Text.Json;
using System.Text.Json.Nodes;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// Builds the <see cref="ModelSchema"/> of a loaded model from the version's MLflow signature checked against the
/// engine's own metadata (serving spec §2.1). Names must match, types must convert (JSON values valid for the signature's
/// type must fit the engine's), ranks must agree. Each field takes the engine's type and shape, so decoding converts JSON
/// straight into what the model takes: a column spec maps onto the engine's <c>[-1]</c> or <c>[-1, 1]</c> input. Without
/// a signature the schema is the engine's. A mismatch is a <see cref="ModelLoadException"/> saying what does not match.
/// </summary>
internal static class ServingSignature
{
    private sealed record SignatureField(string? Name, TensorType Type, IReadOnlyList<long>? Shape, bool Required, bool IsColumn, string TypeName);

    public static ModelSchema Build(string? signatureJson, EngineSchema engine, string displayName)
    {
        if (string.IsNullOrWhiteSpace(signatureJson))
        {
            return new ModelSchema(engine.Inputs.Select(AsColumnWhereOneValuePerRow).ToList(), engine.DefaultOutputs.Select(AsColumnWhereOneValuePerRow).ToList(), []);
        }

        JsonObject signature;
        try
        {
            signature = JsonNode.Parse(signatureJson) as JsonObject ?? throw Mismatch(displayName, "the signature is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Mismatch(displayName, $"the signature is not valid JSON ({e.Message})");
        }

        var inputs = Part(signature, "inputs", displayName);
        var outputs = Part(signature, "outputs", displayName);
        var parameters = Part(signature, "params", displayName);
        return new ModelSchema(
            inputs is null ? engine.Inputs.Select(AsColumnWhereOneValuePerRow).ToList() : Inputs(Fields(inputs, "inputs", displayName), engine, displayName),
            outputs is null ? engine.DefaultOutputs.Select(AsColumnWhereOneValuePerRow).ToList() : Outputs(Fields(outputs, "outputs", displayName), engine, displayName),
            parameters is null ? [] : Params(parameters, displayName));
    }

    private static List<FieldSpec> Inputs(List<SignatureField> fields, EngineSchema engine, string displayName)
    {
        if (fields.Count > 0 && fields.All(f => f.Name is null))
        {
            if (fields.Count != engine.Inputs.Count)
            {
                throw Mismatch(displayName, $"the signature lists {fields.Count} unnamed inputs and the model takes {engine.Inputs.Count} ({Names(engine.Inputs)})");
            }

            return fields.Select((f, i) => Match(f with { Name = engine.Inputs[i].Name }, engine.Inputs[i], "input", displayName, input: true)).ToList();
        }

        if (fields.Any(f => f.Name is null))
        {
            throw Mismatch(displayName, "the signature's inputs are partly named and partly not");
        }

        var unknown = fields.Where(f => engine.Input(f.Name!) is null).Select(f => f.Name!).ToList();
        if (unknown.Count > 0)
        {
            throw Mismatch(displayName, $"the signature names input(s) {Quote(unknown)} that the model does not have (its inputs: {Names(engine.Inputs)})");
        }

        var missing = engine.Inputs.Where(e => fields.All(f => f.Name != e.Name)).Select(e => e.Name).ToList();
        if (missing.Count > 0)
        {
            throw Mismatch(displayName, $"the model's input(s) {Quote(missing)} are not in the signature");
        }

        var duplicate = fields.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Mismatch(displayName, $"the signature lists the input '{duplicate.Key}' twice");
        }

        return fields.Select(f => Match(f, engine.Input(f.Name!)!, "input", displayName, input: true)).ToList();
    }

    private static List<FieldSpec> Outputs(List<SignatureField> fields, EngineSchema engine, string displayName)
    {
        if (fields.Count == 0)
        {
            return engine.DefaultOutputs.Select(AsColumnWhereOneValuePerRow).ToList();
        }

        if (fields.All(f => f.Name is null))
        {
            // MLflow writes unnamed outputs for single-output models; they stand for the engine's served outputs in order.
            return fields.Count == engine.DefaultOutputs.Count
                ? fields.Select((f, i) => Match(f with { Name = engine.DefaultOutputs[i].Name }, engine.DefaultOutputs[i], "output", displayName, input: false)).ToList()
                : engine.DefaultOutputs.Select(AsColumnWhereOneValuePerRow).ToList();
        }

        var unknown = fields.Where(f => f.Name is null || engine.Output(f.Name) is null).Select(f => f.Name ?? "(unnamed)").ToList();
        if (unknown.Count > 0)
        {
            throw Mismatch(displayName, $"the signature names output(s) {Quote(unknown)} that the model does not produce (its outputs: {Names(engine.Outputs)})");
        }

        return fields.Select(f => Match(f, engine.Output(f.Name!)!, "output", displayName, input: false)).ToList();
    }

    /// <summary>The field as the engine has it, once the signature's type and shape are found compatible.</summary>
    private static FieldSpec Match(SignatureField field, FieldSpec engine, string role, string displayName, bool input)
    {
        var compatible = input ? Converts(field.Type, engine.Type) : Converts(engine.Type, field.Type) || Converts(field.Type, engine.Type);
        if (!compatible)
        {
            throw Mismatch(displayName, $"the {role} '{engine.Name}' is {field.TypeName} in the signature and {engine.Type.OipName()} in the model");
        }

        if (field.IsColumn)
        {
            if (!EngineSchema.IsColumnShape(engine.Shape))
            {
                throw Mismatch(displayName, $"the {role} '{engine.Name}' is a column in the signature and a tensor of shape {Shape(engine.Shape)} in the model");
            }

            return engine with { Required = field.Required, IsColumn = true };
        }

        var shape = field.Shape!;
        if (shape.Count != engine.Shape.Count)
        {
            throw Mismatch(displayName, $"the {role} '{engine.Name}' has shape {Shape(shape)} in the signature and {Shape(engine.Shape)} in the model");
        }

        var merged = new long[shape.Count];
        for (var i = 0; i < shape.Count; i++)
        {
            if (shape[i] >= 0 && engine.Shape[i] >= 0 && shape[i] != engine.Shape[i])
            {
                throw Mismatch(displayName, $"the {role} '{engine.Name}' has shape {Shape(shape)} in the signature and {Shape(engine.Shape)} in the model");
            }

            merged[i] = engine.Shape[i] >= 0 ? engine.Shape[i] : shape[i] >= 0 && i > 0 ? shape[i] : -1;
        }

        return engine with { Shape = merged, Required = field.Required, IsColumn = EngineSchema.IsColumnShape(merged) };
    }

    /// <summary>
    /// Whether every value of type <paramref name="from"/> the decoder accepts can be held by <paramref name="to"/>:
    /// integers go to any integer type (the decoder checks the range) or floating type, floating types to each other
    /// (float32/float64 signatures over the other width are common), booleans and text only to themselves.
    /// </summary>
    private static bool Converts(TensorType from, TensorType to) =>
        from == to
        || (IsInteger(from) && (IsInteger(to) || to.IsFloatingPoint()))
        || (from.IsFloatingPoint() && to.IsFloatingPoint());

    private static bool IsInteger(TensorType type) =>
        type is TensorType.Int8 or TensorType.Int16 or TensorType.Int32 or TensorType.Int64
            or TensorType.UInt8 or TensorType.UInt16 or TensorType.UInt32 or TensorType.UInt64;

    private static FieldSpec AsColumnWhereOneValuePerRow(FieldSpec field) =>
        field.IsColumn || !EngineSchema.IsColumnShape(field.Shape) ? field : field with { IsColumn = true };

    private static JsonArray? Part(JsonObject signature, string name, string displayName)
    {
        var node = signature[name];
        try
        {
            return node switch
            {
                null => null,
                JsonArray array => array,
                JsonValue value when value.TryGetValue<string>(out var text) => JsonNode.Parse(text) as JsonArray
                    ?? throw Mismatch(displayName, $"signature.{name} is not a JSON list"),
                _ => throw Mismatch(displayName, $"signature.{name} is not a JSON list"),
            };
        }
        catch (JsonException e)
        {
            throw Mismatch(displayName, $"signature.{name} is not valid JSON ({e.Message})");
        }
    }

    private static List<SignatureField> Fields(JsonArray specs, string part, string displayName)
    {
        var fields = new List<SignatureField>(specs.Count);
        foreach (var spec in specs)
        {
            if (spec is not JsonObject field || Text(field["type"]) is not { } type)
            {
                throw Mismatch(displayName, $"signature.{part} holds an entry without a type");
            }

            var name = Text(field["name"]);
            var required = field["required"] is not JsonValue flag || !flag.TryGetValue<bool>(out var value) || value;
            if (type == "tensor")
            {
                var tensorSpec = field["tensor-spec"] as JsonObject;
                var dtype = Text(tensorSpec?["dtype"]);
                var tensorType = TensorTypes.FromNumpyDtype(dtype)
                    ?? throw Mismatch(displayName, $"the {Singular(part)} '{name}' has dtype '{dtype}', which Slipway cannot serve");
                if (tensorSpec?["shape"] is not JsonArray dims || dims.Any(d => d is not JsonValue v || !v.TryGetValue<long>(out _)))
                {
                    throw Mismatch(displayName, $"the {Singular(part)} '{name}' has a tensor spec without a valid shape");
                }

                fields.Add(new SignatureField(name, tensorType, dims.Select(d => d!.GetValue<long>()).ToArray(), Required: true, IsColumn: false, dtype!));
                continue;
            }

            var columnType = TensorTypes.FromMlflowColumnType(type)
                ?? throw Mismatch(displayName, $"the {Singular(part)} '{name}' has type '{type}', which Slipway cannot serve");
            fields.Add(new SignatureField(name, columnType, null, required, IsColumn: true, type));
        }

        return fields;
    }

    private static List<ParamSpec> Params(JsonArray specs, string displayName)
    {
        var parameters = new List<ParamSpec>(specs.Count);
        foreach (var spec in specs)
        {
            if (spec is not JsonObject param || Text(param["name"]) is not { } name || Text(param["type"]) is not { } type)
            {
                throw Mismatch(displayName, "signature.params holds an entry without a name or type");
            }

            long[]? shape = param["shape"] is JsonArray dims ? dims.Select(d => d?.GetValue<long>() ?? -1).ToArray() : null;
            parameters.Add(new ParamSpec(name, type, param["default"]?.DeepClone(), shape));
        }

        return parameters;
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Singular(string part) => part == "inputs" ? "input" : "output";

    private static string Names(IEnumerable<FieldSpec> fields) => string.Join(", ", fields.Select(f => f.Name));

    private static string Quote(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(n => $"'{n}'")) + "]";

    private static string Shape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    private static ModelLoadException Mismatch(string displayName, string reason) =>
        new($"The signature does not match '{displayName}': {reason}.");
}
