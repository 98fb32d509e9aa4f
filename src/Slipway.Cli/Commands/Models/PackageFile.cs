namespace Slipway.Cli.Commands.Models;

/// <summary>The local package file a models verb sends; a missing file is a usage error.</summary>
internal static class PackageFile
{
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new CommandException(ExitCodes.Usage, $"There is no file at {full}; pack an MLflow model directory as .zip or .tar.gz first.");
    }
}
