namespace Slipway.Core.Registry.Catalog;

/// <summary>A version's card as the APIs show it, with the model's name and whether its format is unsafe to load.</summary>
public sealed record ModelCardView(string Name, int Version, ModelCard Card, ModelCardParts Parts, bool UnsafeFormat);
