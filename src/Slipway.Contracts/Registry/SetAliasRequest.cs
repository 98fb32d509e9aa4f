namespace Slipway.Contracts.Registry;

/// <summary>Points the alias in the path at <see cref="Version"/>, creating the alias or moving it.</summary>
public sealed record SetAliasRequest(int Version);
