namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// Something that needs a version to stay: a deployment, an approval, or a person. Retention never archives or
/// deletes a held version. Later capabilities add holds with their own <see cref="Kind"/>.
/// </summary>
public sealed class VersionHold
{
    public long RegisteredModelId { get; set; }

    public int Version { get; set; }

    /// <summary>e.g. <c>manual</c>, <c>deployment</c>, <c>approval</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>What holds it within the kind: a deployment name, an approval id, or a label for a manual hold.</summary>
    public required string Reference { get; set; }

    public string Reason { get; set; } = "";

    public required string CreatedBy { get; set; }

    public long CreatedAt { get; set; }
}
