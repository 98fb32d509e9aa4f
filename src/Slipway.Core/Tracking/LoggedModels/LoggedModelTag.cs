namespace Slipway.Core.Tracking.LoggedModels;

public sealed class LoggedModelTag
{
    public required string ModelId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
