namespace Slipway.Core.Tracking.LoggedModels;

/// <summary>A logged model with its tags, params and metrics, and the registrations recorded in its tags.</summary>
public sealed record LoggedModelView(
    LoggedModel Model,
    IReadOnlyList<KeyValue> Tags,
    IReadOnlyList<KeyValue> Params,
    IReadOnlyList<LoggedModelMetric> Metrics);
