namespace Slipway.Core.Registry;

public sealed class ModelVersionTag
{
    public long RegisteredModelId { get; set; }

    public int Version { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
