namespace Slipway.Core.Tracking;

/// <summary>A param, tag or input tag as it crosses the API: a key and a string value.</summary>
public sealed record KeyValue(string Key, string Value);
