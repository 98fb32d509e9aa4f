namespace Slipway.Cli;

/// <summary>Every exit code of <c>slipway</c>; scripts can rely on them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server refused the request (a 4xx other than those below, or a 5xx).</summary>
    public const int ApiError = 1;

    /// <summary>Bad arguments, a missing local file or an unreadable configuration file.</summary>
    public const int Usage = 2;

    /// <summary>No token, an invalid, expired or revoked one (401), or one without the permission (403).</summary>
    public const int Unauthorized = 3;

    /// <summary>The experiment, run, token or artifact does not exist (404).</summary>
    public const int NotFound = 4;

    /// <summary>The server could not be reached, did not answer in time, or broke off a transfer.</summary>
    public const int ConnectionFailure = 5;

    /// <summary>A local file could not be read or written (permissions, a full disk, a file where a directory should be).</summary>
    public const int FileSystemError = 6;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
