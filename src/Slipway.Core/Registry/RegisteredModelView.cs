namespace Slipway.Core.Registry;

/// <summary>A registered model with its tags and aliases, and the newest live version in each stage.</summary>
public sealed record RegisteredModelView(RegisteredModel Model, IReadOnlyList<ModelVersionView> LatestVersions);
