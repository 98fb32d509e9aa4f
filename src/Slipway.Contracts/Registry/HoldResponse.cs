namespace Slipway.Contracts.Registry;

/// <summary>A hold on a version: its kind (manual, deployment, approval), what holds it, why, who placed it and when (epoch ms).</summary>
public sealed record HoldResponse(string Kind, string Reference, string Reason, string CreatedBy, long CreatedAt);
