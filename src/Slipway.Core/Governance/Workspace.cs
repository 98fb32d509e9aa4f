namespace Slipway.Core.Governance;

/// <summary>The isolation boundary that every top-level resource belongs to; <c>default</c> always exists.</summary>
public sealed class Workspace
{
    public const long DefaultId = 1;
    public const string DefaultName = "default";
    public const int DescriptionLength = 4096;

    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public long CreatedAt { get; set; }
}
