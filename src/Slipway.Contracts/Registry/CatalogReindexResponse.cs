namespace Slipway.Contracts.Registry;

/// <summary>How many versions the catalog holds after a rebuild.</summary>
public sealed record CatalogReindexResponse(int Entries);
