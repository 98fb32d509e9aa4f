namespace Slipway.Cli.Commands.Artifacts;

/// <summary>What an upload or download moved; the <c>--json</c> output of both.</summary>
internal sealed record TransferSummary(string ArtifactPath, string LocalPath, int Files, long Bytes);
