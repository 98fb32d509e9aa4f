namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// A valid key that the store's layout cannot serve: a file where a directory must be (or the reverse), or a
/// symbolic link on the way. A client mistake (or a tampered root), answered with 400 rather than a retried 500
/// (mlflow-rest.md §1.5).
/// </summary>
public sealed class ArtifactPathException(string message, Exception? inner = null) : IOException(message, inner);
