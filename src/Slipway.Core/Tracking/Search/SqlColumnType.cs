namespace Slipway.Core.Tracking.Search;

/// <summary>How a number is bound for a column: integer columns (timestamps) take a long when the literal is whole.</summary>
internal enum SqlColumnType
{
    Text,
    Integer,
    Real,
}
