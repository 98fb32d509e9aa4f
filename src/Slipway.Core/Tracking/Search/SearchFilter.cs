namespace Slipway.Core.Tracking.Search;

/// <summary>A parsed filter: comparisons joined by AND. No comparisons means no filter.</summary>
internal sealed record SearchFilter(IReadOnlyList<Comparison> Comparisons)
{
    public static SearchFilter Empty { get; } = new([]);
}
