namespace Slipway.Contracts.Registry;

/// <summary>The value of a tag; the key is in the path.</summary>
public sealed record SetTagRequest(string Value);
