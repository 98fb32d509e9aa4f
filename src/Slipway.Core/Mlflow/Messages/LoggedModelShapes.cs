using System.Globalization;
using Slipway.Core.Tracking.LoggedModels;

namespace Slipway.Core.Mlflow.Messages;

public static class LoggedModelShapes
{
    public static LoggedModelJson Model(LoggedModelView v) => new(
        new LoggedModelInfoJson(
            v.Model.Id,
            v.Model.ExperimentId.ToString(CultureInfo.InvariantCulture),
            v.Model.Name,
            v.Model.ArtifactUri,
            v.Model.Status,
            v.Model.StatusMessage,
            v.Model.CreationTimestamp,
            v.Model.LastUpdatedTimestamp,
            v.Model.ModelType,
            v.Model.SourceRunId,
            v.Tags.Select(t => new KeyValueJson(t.Key, t.Value)).ToList().NullIfEmpty()),
        new LoggedModelDataJson(
            v.Params.Select(p => new KeyValueJson(p.Key, p.Value)).ToList().NullIfEmpty(),
            v.Metrics.Select(m => new MetricJson(m.Key, m.IsNan ? double.NaN : m.Value, m.Timestamp, m.Step, m.ModelId, m.RunId, m.DatasetName, m.DatasetDigest)).ToList().NullIfEmpty()));
}
