namespace Slipway.Core.Tracking.Search;

/// <summary>A bound parameter of compiled search SQL: <see cref="Name"/> as it appears in the SQL (<c>@p0</c>) and a string, long or double.</summary>
internal sealed record SqlParameterValue(string Name, object Value);
