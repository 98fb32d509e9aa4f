namespace Slipway.Core.Tracking;

public sealed class RunParam
{
    public required string RunId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
