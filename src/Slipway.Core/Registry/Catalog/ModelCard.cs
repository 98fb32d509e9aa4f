namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// What a reader needs to judge a version: intended use, limitations, the data it was trained and evaluated on,
/// its metrics, owners, license and free text. List-valued parts are JSON.
/// </summary>
public sealed class ModelCard
{
    public long RegisteredModelId { get; set; }

    public int Version { get; set; }

    public string IntendedUse { get; set; } = "";

    public string Limitations { get; set; } = "";

    /// <summary>JSON array of datasets: name, digest, source, and the run input they came from when known.</summary>
    public string TrainingData { get; set; } = "[]";

    /// <summary>JSON array of datasets, as <see cref="TrainingData"/>.</summary>
    public string EvaluationData { get; set; } = "[]";

    /// <summary>JSON object of metric name to value, copied from the source run.</summary>
    public string Metrics { get; set; } = "{}";

    /// <summary>JSON array of owner names.</summary>
    public string Owners { get; set; } = "[]";

    public string License { get; set; } = "";

    /// <summary>Free text (Markdown).</summary>
    public string Text { get; set; } = "";

    public long UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
