using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// Reads an MLflow model directory from its <c>MLmodel</c>: the flavors, the signature (kept exactly as MLflow wrote it,
/// after checking that each part is a JSON list), the input example, and the flavor to serve: <c>onnx</c>, then
/// <c>mlnet</c>, each validated by loading its file; otherwise the flavor python_function's loader names, which Slipway
/// cannot load. A model whose only flavors are pickled is <see cref="PackageInfo.UnsafeFormat"/>, and none of its files
/// is opened beyond <c>MLmodel</c>.
/// </summary>
internal static class MlflowModelReader
{
    public const string MlmodelFile = "MLmodel";
    private const string PythonFunction = "python_function";

    public static Result<PackageInfo> Read(string root)
    {
        var parsed = Parse(Path.Combine(root, MlmodelFile));
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var document = parsed.Value;
        if (Child(document, "flavors") is not YamlMappingNode flavors || flavors.Children.Count == 0)
        {
            return Error.Invalid($"'{MlmodelFile}' names no flavors, so nothing can load the model.", "source");
        }

        string? flavorsJson;
        try
        {
            flavorsJson = new YamlJson().Convert(flavors)?.ToJsonString();
        }
        catch (YamlNodeBudgetExceededException e)
        {
            return Error.Invalid($"'{MlmodelFile}' is not a valid MLmodel: {e.Message}.", "source");
        }

        var signature = Signature(document);
        if (!signature.IsSuccess)
        {
            return signature.Error;
        }

        var warnings = new List<string>();
        var inputExample = InputExample(root, document, warnings);
        var pickles = PickleEvidence(root, flavors);
        var names = flavors.Children.Keys.Select(k => YamlJson.Text(k) ?? "").ToList();

        if (names.Contains(PackageFormats.Onnx) || names.Contains(PackageFormats.Mlnet))
        {
            var flavor = names.Contains(PackageFormats.Onnx) ? PackageFormats.Onnx : PackageFormats.Mlnet;
            var loaded = LoadFlavor(root, flavor, Child(flavors, flavor));
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            warnings.AddRange(loaded.Value.Warnings);
            if (signature.Value is null)
            {
                warnings.Add($"'{MlmodelFile}' has no signature; the signature was read from '{loaded.Value.File}'.");
            }

            if (pickles.Count > 0)
            {
                warnings.Add($"The package also holds pickled parts ({string.Join("; ", pickles)}); Slipway never loads them and serves the {flavor} flavor.");
            }

            return new PackageInfo(
                PackageFormats.Mlflow, flavor, flavorsJson, signature.Value ?? loaded.Value.Signature, inputExample, UnsafeFormat: false, warnings);
        }

        var served = PythonFlavor(flavors, names);
        if (pickles.Count > 0)
        {
            warnings.Add($"The model is serialized with pickle ({string.Join("; ", pickles)}), which runs code when loaded; it is recorded as unsafe_format and never loaded.");
        }
        else
        {
            warnings.Add($"The {served} flavor has no loader in Slipway; the version can be downloaded but not served.");
        }

        if (signature.Value is null)
        {
            warnings.Add($"'{MlmodelFile}' has no signature.");
        }

        return new PackageInfo(PackageFormats.Mlflow, served, flavorsJson, signature.Value, inputExample, UnsafeFormat: pickles.Count > 0, warnings);
    }

    private static Result<YamlMappingNode> Parse(string path)
    {
        var size = new FileInfo(path).Length;
        if (size > PackageInspectionLimits.MaxMlmodelBytes)
        {
            return Error.Invalid($"'{MlmodelFile}' is {size} bytes, over the {PackageInspectionLimits.MaxMlmodelBytes}-byte limit; it was not read.", "source");
        }

        try
        {
            var text = File.ReadAllText(path);
            if (YamlJson.TooDeep(text, PackageInspectionLimits.MaxYamlDepth))
            {
                return Error.Invalid(
                    $"'{MlmodelFile}' is not a valid MLmodel: it nests deeper than {PackageInspectionLimits.MaxYamlDepth} levels.", "source");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return Error.Invalid($"'{MlmodelFile}' is not a valid MLmodel: it is not a YAML mapping.", "source");
            }

            return root;
        }
        catch (YamlException e)
        {
            return Error.Invalid($"'{MlmodelFile}' is not valid YAML: {e.Message.Split('\n', 2)[0].Trim()}", "source");
        }
    }

    /// <summary>The signature as MLflow stores it, or null when <c>MLmodel</c> has none; a part that is not a JSON list is refused.</summary>
    private static Result<string?> Signature(YamlMappingNode document)
    {
        if (Child(document, "signature") is not YamlMappingNode signature)
        {
            return Result<string?>.Success(null);
        }

        var inputs = YamlJson.Text(Child(signature, "inputs"));
        var outputs = YamlJson.Text(Child(signature, "outputs"));
        var parameters = YamlJson.Text(Child(signature, "params"));
        if (inputs is null)
        {
            return Error.Invalid($"'{MlmodelFile}' has a signature without inputs.", "source");
        }

        foreach (var (part, json) in new[] { ("inputs", inputs), ("outputs", outputs), ("params", parameters) })
        {
            if (json is not null && MlflowSignature.ListError(json) is { } problem)
            {
                return Error.Invalid($"'{MlmodelFile}' has an invalid signature: signature.{part} is not a JSON list ({problem}).", "source");
            }
        }

        return MlflowSignature.Write(inputs, outputs, parameters);
    }

    /// <summary>The input example's package-relative path, from <c>saved_input_example_info</c> (MLflow writes <c>input_example.json</c>).</summary>
    private static string? InputExample(string root, YamlMappingNode document, List<string> warnings)
    {
        var named = Child(document, "saved_input_example_info") is YamlMappingNode info ? YamlJson.Text(Child(info, "artifact_path")) : null;
        var candidate = named ?? "input_example.json";
        var full = PackageFiles.Resolve(root, candidate);
        if (full is not null && File.Exists(full))
        {
            return PackageFiles.Relative(root, full);
        }

        if (named is not null)
        {
            warnings.Add($"'{MlmodelFile}' names the input example '{named}', which is not in the package.");
        }

        return null;
    }

    private sealed record LoadedFlavor(string File, string Signature, IReadOnlyList<string> Warnings);

    private static Result<LoadedFlavor> LoadFlavor(string root, string flavor, YamlNode? config)
    {
        var defaultFile = flavor == PackageFormats.Onnx ? "model.onnx" : "model.zip";
        var file = (config is YamlMappingNode mapping ? YamlJson.Text(Child(mapping, "data")) : null) ?? defaultFile;
        var full = PackageFiles.Resolve(root, file);
        if (full is null)
        {
            return Error.Invalid($"'{MlmodelFile}' names the {flavor} model file '{file}', which is outside the package.", "source");
        }

        if (!File.Exists(full))
        {
            return Error.Invalid($"'{MlmodelFile}' names the {flavor} model file '{file}', which is not in the package.", "source");
        }

        var relative = PackageFiles.Relative(root, full);
        if (flavor == PackageFormats.Onnx)
        {
            var graph = OnnxGraphReader.Read(full, relative);
            return graph.IsSuccess ? new LoadedFlavor(relative, graph.Value.Signature, graph.Value.Warnings) : graph.Error;
        }

        var schema = MlnetSchemaReader.Read(full, relative);
        return schema.IsSuccess ? new LoadedFlavor(relative, schema.Value.Signature, schema.Value.Warnings) : schema.Error;
    }

    /// <summary>The flavor python_function's <c>loader_module</c> names (<c>mlflow.sklearn</c> → <c>sklearn</c>), else the first other flavor.</summary>
    private static string PythonFlavor(YamlMappingNode flavors, List<string> names)
    {
        var loader = Child(flavors, PythonFunction) is YamlMappingNode pyfunc ? YamlJson.Text(Child(pyfunc, "loader_module")) : null;
        if (loader is not null && loader.StartsWith("mlflow.", StringComparison.Ordinal) && names.Contains(loader["mlflow.".Length..]))
        {
            return loader["mlflow.".Length..];
        }

        return names.FirstOrDefault(n => n != PythonFunction) ?? PythonFunction;
    }

    /// <summary>
    /// What says a flavor is pickled: sklearn's <c>pickled_model</c> and <c>serialization_format</c>, pyfunc's cloudpickled
    /// <c>python_model</c>, PyTorch's <c>pickle_module_name</c>, any file named <c>*.pkl</c>, <c>*.pickle</c> or <c>*.joblib</c>.
    /// </summary>
    private static List<string> PickleEvidence(string root, YamlMappingNode flavors)
    {
        var evidence = new List<string>();
        foreach (var (key, value) in flavors.Children)
        {
            if (value is not YamlMappingNode config)
            {
                continue;
            }

            var flavor = YamlJson.Text(key);
            foreach (var (settingKey, settingValue) in config.Children)
            {
                var setting = YamlJson.Text(settingKey);
                var text = YamlJson.Text(settingValue);
                if (setting is "pickled_model" or "python_model" or "pickle_module_name"
                    || (setting == "serialization_format" && text is "pickle" or "cloudpickle" or "joblib"))
                {
                    evidence.Add($"{flavor} flavor: {setting} {text}");
                }
            }
        }

        var files = PackageFiles.Pickles(root);
        if (files.Count > 0)
        {
            evidence.Add($"files: {string.Join(", ", files.Take(5))}{(files.Count > 5 ? ", …" : "")}");
        }

        return evidence;
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode scalar && scalar.Value == key)
            {
                return v;
            }
        }

        return null;
    }
}
