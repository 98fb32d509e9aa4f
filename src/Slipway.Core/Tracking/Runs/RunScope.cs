namespace Slipway.Core.Tracking.Runs;

/// <summary>A writable run and where it lives, as its audit event names it.</summary>
internal sealed record RunScope(string RunId, string Name, long ExperimentId, long WorkspaceId);
