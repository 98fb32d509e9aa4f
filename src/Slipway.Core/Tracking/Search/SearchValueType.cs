namespace Slipway.Core.Tracking.Search;

/// <summary>What a field compares against: numeric fields take unquoted numbers, string fields quoted strings.</summary>
internal enum SearchValueType
{
    String,
    Number,
}
