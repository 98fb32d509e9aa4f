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

    /// <summary>The principal that registered the version.</summary>
    public string? CreatedBy { get; set; }

    /// <summary><see cref="Packages.ModelOrigins.InHouse"/> or <see cref="Packages.ModelOrigins.ThirdParty"/>.</summary>
    public string Origin { get; set; } = Packages.ModelOrigins.InHouse;

    /// <summary>The key prefix of the registry-owned copy of the files (e.g. <c>registry/12/3</c>); null until copied.</summary>
    public string? StorageKey { get; set; }

    /// <summary>What the package is: <c>mlflow</c>, <c>onnx</c>, <c>mlnet</c> or <c>unknown</c>; null until inspected.</summary>
    public string? PackageFormat { get; set; }

    /// <summary>The flavor serving should use (e.g. <c>onnx</c>, <c>mlnet</c>, <c>sklearn</c>).</summary>
    public string? Flavor { get; set; }

    /// <summary>All flavors of an MLflow model and their settings, as JSON.</summary>
    public string? Flavors { get; set; }

    /// <summary>The signature in MLflow's form (<c>{"inputs": "[...]", "outputs": "[...]", "params": ...}</c>), as JSON.</summary>
    public string? Signature { get; set; }

    /// <summary>The package-relative path of the input example, when the package has one.</summary>
    public string? InputExamplePath { get; set; }

    /// <summary>True when the package can only be loaded by executing code (pickle, cloudpickle, joblib); the server never loads it.</summary>
    public bool UnsafeFormat { get; set; }

    /// <summary>Third-party provenance: where it came from (e.g. <c>huggingface</c>), its license, author and source URL.</summary>
    public string? ProvenanceOrigin { get; set; }

    public string? License { get; set; }

    public string? Author { get; set; }

    public string? SourceUrl { get; set; }

    /// <summary>When the version was archived (Unix ms); null while active.</summary>
    public long? ArchivedAt { get; set; }

    /// <summary>When the files of the archived version were deleted after the grace period (Unix ms).</summary>
    public long? FilesDeletedAt { get; set; }

    public List<ModelVersionTag> Tags { get; set; } = [];
}
