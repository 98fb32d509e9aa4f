using Slipway.Core.Tracking;
using Slipway.Core.Tracking.Runs;

namespace Slipway.Core.Mlflow.Messages;

/// <summary>Converts tracking entities to MLflow's wire shapes.</summary>
public static class TrackingShapes
{
    public static ExperimentJson Experiment(Experiment e) => new(
        e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        e.Name,
        e.ArtifactLocation,
        e.LifecycleStage,
        e.CreationTime,
        e.LastUpdateTime,
        e.Tags.Select(t => new KeyValueJson(t.Key, t.Value)).ToList().NullIfEmpty());

    public static RunInfoJson RunInfo(Run r) => new(
        r.Id, r.Id, r.Name, r.ExperimentId.ToString(System.Globalization.CultureInfo.InvariantCulture), r.UserId, r.Status, r.StartTime, r.EndTime, r.ArtifactUri, r.LifecycleStage);

    public static RunJson Run(RunView v) => new(
        RunInfo(v.Run),
        new RunDataJson(
            v.Metrics.Select(m => new MetricJson(m.Key, m.IsNan ? double.NaN : m.Value, m.Timestamp, m.Step)).ToList().NullIfEmpty(),
            v.Params.Select(p => new KeyValueJson(p.Key, p.Value)).ToList().NullIfEmpty(),
            v.Tags.Select(t => new KeyValueJson(t.Key, t.Value)).ToList().NullIfEmpty()),
        new RunInputsJson(
            v.DatasetInputs.Select(i => new DatasetInputJson(
                i.Tags.Select(t => new KeyValueJson(t.Key, t.Value)).ToList().NullIfEmpty(),
                new DatasetJson(i.Dataset.Name, i.Dataset.Digest, i.Dataset.SourceType, i.Dataset.Source, i.Dataset.Schema, i.Dataset.Profile))).ToList().NullIfEmpty(),
            v.ModelLinks.Where(l => l.Direction == RunModelLink.Input).Select(l => new ModelInputJson(l.ModelId)).ToList().NullIfEmpty()),
        new RunOutputsJson(
            v.ModelLinks.Where(l => l.Direction == RunModelLink.Output).Select(l => new ModelOutputJson(l.ModelId, l.Step)).ToList().NullIfEmpty()));

    public static MetricJson Metric(MetricPoint m) => new(m.Key, m.IsNan ? double.NaN : m.Value, m.Timestamp, m.Step);

    public static List<KeyValue> KeyValues(List<KeyValueJson>? items) =>
        items is null ? [] : items.ConvertAll(t => new KeyValue(t.Key ?? "", t.Value ?? ""));
}
