namespace Slipway.Core;

/// <summary>Settings of the process as a whole.</summary>
public sealed class SlipwayOptions
{
    /// <summary>Where the embedded database, the local artifact store and the initial admin token live. Default <c>./.slipway</c>.</summary>
    public string DataDir { get; set; } = ".slipway";

    /// <summary>The absolute data directory.</summary>
    public string DataDirFullPath => Path.GetFullPath(DataDir);
}
