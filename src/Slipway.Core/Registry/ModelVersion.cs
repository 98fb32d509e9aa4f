namespace Slipway.Core.Registry;

public sealed class ModelVersion
{
    public long RegisteredModelId { get; set; }

    public int Version { get; set; }

    /// <summary>The source as the client sent it (mlflow-rest.md §4.6).</summary>
    public required string Source { get; set; }

    /// <summary>Where the files are, derived from <see cref="Source"/> at creation; <c>get-download-uri</c> answers it.</summary>
    public required string StorageLocation { get; set; }

    public string? RunId { get; set; }

    public string RunLink { get; set; } = "";

    public string Description { get; set; } = "";

    public string CurrentStage { get; set; } = Stages.None;

    public string Status { get; set; } = "READY";

    public string StatusMessage { get; set; } = "";

    public long CreationTimestamp { get; set; }

    public long LastUpdatedTimestamp { get; set; }

    /// <summary>A deleted version keeps its row so that its number is never handed out again.</summary>
    public bool Deleted { get; set; }

    public List<ModelVersionTag> Tags { get; set; } = [];
}
