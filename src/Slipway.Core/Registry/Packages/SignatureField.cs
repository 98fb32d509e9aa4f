using System.Text.Json.Nodes;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// One input or output of an MLflow signature: a column (<c>{"type": "double", "name": "age", "required": true}</c>) or a
/// tensor (<c>{"type": "tensor", "tensor-spec": {"dtype": "float32", "shape": [-1, 4]}, "name": "x"}</c>), as
/// <c>mlflow.types.schema</c> writes them.
/// </summary>
internal sealed record SignatureField(string Name, string? ColumnType, string? TensorDtype, IReadOnlyList<long>? Shape)
{
    public static SignatureField Column(string name, string type) => new(name, type, null, null);

    public static SignatureField Tensor(string name, string dtype, IReadOnlyList<long> shape) => new(name, null, dtype, shape);

    public JsonObject ToJson()
    {
        if (ColumnType is not null)
        {
            return new JsonObject { ["type"] = ColumnType, ["name"] = Name, ["required"] = true };
        }

        var shape = new JsonArray();
        foreach (var dimension in Shape!)
        {
            shape.Add(dimension);
        }

        return new JsonObject
        {
            ["type"] = "tensor",
            ["tensor-spec"] = new JsonObject { ["dtype"] = TensorDtype, ["shape"] = shape },
            ["name"] = Name,
        };
    }
}
