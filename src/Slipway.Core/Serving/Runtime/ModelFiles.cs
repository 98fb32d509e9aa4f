using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// Finds the file a runtime loads in a package: the file its flavor's <c>data</c> names in the flavors JSON (the registry
/// writes <c>{"onnx": {"data": "model.onnx"}}</c> for bare files too), else the flavor's default name in an MLflow
/// directory, else the only file with the runtime's extension. Failures are <see cref="ModelLoadException"/>s that name
/// package-relative files only.
/// </summary>
internal static class ModelFiles
{
    /// <summary>The model file's full path and its package-relative name (the one shown to users).</summary>
    public sealed record Located(string Path, string Name);

    public static bool HasFlavor(ModelPackage package, string flavor) =>
        string.Equals(package.Flavor, flavor, StringComparison.Ordinal)
        || (package.Flavor is null && FlavorConfig(package.FlavorsJson, flavor) is not null);

    public static Located Locate(ModelPackage package, string flavor, string extension, string defaultName)
    {
        var named = FlavorConfig(package.FlavorsJson, flavor)?["data"] is JsonValue data && data.TryGetValue<string>(out var text) ? text : null;
        if (named is null)
        {
            named = File.Exists(Path.Combine(package.Directory, MlflowModelReader.MlmodelFile))
                ? defaultName
                : OnlyFile(package.Directory, extension);
        }

        var full = PackageFiles.Resolve(package.Directory, named);
        if (full is null)
        {
            throw new ModelLoadException($"The package names the {flavor} model file '{named}', which is outside the package.");
        }

        if (!File.Exists(full))
        {
            throw new ModelLoadException($"The package has no {flavor} model file '{named}'.");
        }

        return new Located(full, PackageFiles.Relative(package.Directory, full));
    }

    /// <summary>An engine's error message on one line, with the server's paths replaced by the package-relative name.</summary>
    public static string Reason(string message, ModelPackage package, Located file)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(package.Directory));
        var reason = message.Replace(file.Path, file.Name, StringComparison.Ordinal)
            .Replace(root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
            .Replace(root, "", StringComparison.Ordinal);
        var firstLine = reason.Split('\n', 2)[0].Trim();
        return firstLine.Length > 500 ? firstLine[..500] + "…" : firstLine;
    }

    private static JsonObject? FlavorConfig(string? flavorsJson, string flavor)
    {
        if (flavorsJson is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(flavorsJson) is JsonObject flavors && flavors[flavor] is JsonObject config ? config : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string OnlyFile(string directory, string extension)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*" + extension).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList()
            : [];
        return files.Count switch
        {
            1 => files[0],
            0 => throw new ModelLoadException($"The package holds no {extension} file."),
            _ => throw new ModelLoadException($"The package holds several {extension} files ({string.Join(", ", files)}) and nothing says which to serve."),
        };
    }
}
