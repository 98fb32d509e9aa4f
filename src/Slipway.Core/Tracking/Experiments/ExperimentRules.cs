using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

internal static class ExperimentRules
{
    public static Error? Name(string name) =>
        name.Length > TrackingLimits.ExperimentNameLength
            ? Error.Invalid($"Experiment name is {name.Length} characters; the limit is {TrackingLimits.ExperimentNameLength}.", "name")
            : null;

    public static Error NameTaken(string name) =>
        Error.AlreadyExists($"Experiment(name={name}) already exists. Choose another name (deleted experiments keep theirs).");

    public static Error NotFound(long id) => Error.NotFound($"No Experiment with id={id} exists.");

    public static bool IsManagedLocation(string location) =>
        location.StartsWith("mlflow-artifacts:/", StringComparison.Ordinal)
        && !location.Contains("..", StringComparison.Ordinal)
        && !location.StartsWith("mlflow-artifacts://", StringComparison.Ordinal);
}
