namespace Slipway.Core.Registry;

public sealed class RegisteredModelAlias
{
    public long RegisteredModelId { get; set; }

    public required string Alias { get; set; }

    public int Version { get; set; }
}
