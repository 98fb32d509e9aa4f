using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

internal static class ExperimentRules
{
    public static Error? Name(string name) =>
        name.Length > TrackingLimits.ExperimentNameLength
            ? Error.Invalid($"Experiment name is {name.Length} characters; the limit is {TrackingLimits.ExperimentNameLength}.", "name")
            : name.Contains('\0', StringComparison.Ordinal) ? Error.Invalid("Experiment name holds a NUL character.", "name") : null;

    public static Error NameTaken(string name) =>
        Error.AlreadyExists($"Experiment(name={name}) already exists. Choose another name (deleted experiments keep theirs).");

    public static Error NotFound(long id) => Error.NotFound($"No Experiment with id={id} exists.");

    /// <summary>
    /// A caller-supplied <c>artifact_location</c>: only <c>mlflow-artifacts:/&lt;path&gt;</c> inside Slipway's store,
    /// with a path that passes the artifact path rules; returns the storage key.
    /// </summary>
    public static Result<string> ParseLocation(string location)
    {
        const string scheme = "mlflow-artifacts:/";
        if (location.Length > TrackingLimits.ArtifactLocationLength)
        {
            return Error.Invalid($"artifact_location is {location.Length} characters; the limit is {TrackingLimits.ArtifactLocationLength}.", "artifact_location");
        }

        if (!location.StartsWith(scheme, StringComparison.Ordinal) || location.StartsWith(scheme + "/", StringComparison.Ordinal))
        {
            return Error.Invalid(
                $"artifact_location '{TrackingValidation.Shorten(location)}' is not allowed: Slipway manages artifact storage; omit it or use 'mlflow-artifacts:/<experiment id>'.",
                "artifact_location");
        }

        var key = Infrastructure.Artifacts.ArtifactPath.Parse(location[scheme.Length..].TrimEnd('/'));
        return key.IsSuccess ? key.Value : Error.Invalid($"Invalid artifact_location: {key.Error.Message}", "artifact_location");
    }
}
