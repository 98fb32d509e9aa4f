namespace Slipway.Core.Registry.Catalog;

/// <summary>A version's card as the APIs show it, with the model's name.</summary>
public sealed record ModelCardView(string Name, int Version, ModelCard Card, ModelCardParts Parts);
