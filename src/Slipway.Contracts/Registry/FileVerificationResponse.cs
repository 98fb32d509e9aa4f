namespace Slipway.Contracts.Registry;

/// <summary>What re-hashing one stored file found: <c>ok</c>, <c>corrupt</c> or <c>missing</c>, with the recorded and the actual size and SHA-256.</summary>
public sealed record FileVerificationResponse(string Path, string Status, long ExpectedSize, string ExpectedSha256, long? ActualSize, string? ActualSha256);
