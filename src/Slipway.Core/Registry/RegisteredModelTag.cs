namespace Slipway.Core.Registry;

public sealed class RegisteredModelTag
{
    public long RegisteredModelId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
