namespace Slipway.Load.Reporting;

/// <summary>The figures of one database, or why it was skipped.</summary>
internal sealed record ProviderResult(string Database, IReadOnlyList<Figure> Figures, string? SkipReason = null);
