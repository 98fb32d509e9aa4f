namespace Slipway.Core.Tracking;

/// <summary>A logged model used by a run (input) or produced by it at a step (output).</summary>
public sealed class RunModelLink
{
    public required string RunId { get; set; }

    public required string ModelId { get; set; }

    public required string Direction { get; set; }

    public long Step { get; set; }

    public const string Input = "input";
    public const string Output = "output";
}
