namespace Slipway.Client.Tests.Support;

/// <summary>A temporary local directory of files for transfer tests, deleted on dispose.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree() => Root = Directory.CreateTempSubdirectory("slipway-tree-").FullName;

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine([Root, .. relative.Split('/')]);

    public TempTree Write(string relative, string content) => Write(relative, System.Text.Encoding.UTF8.GetBytes(content));

    public TempTree Write(string relative, byte[] content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    /// <summary>Every file under the root, as relative <c>/</c>-separated paths with their bytes.</summary>
    public static SortedDictionary<string, byte[]> Read(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes),
            StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
