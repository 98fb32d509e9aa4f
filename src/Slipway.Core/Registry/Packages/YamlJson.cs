using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// Turns a YAML node into JSON with YAML 1.2 core-schema scalars (plain <c>null</c>, <c>true</c>, numbers; quoted text
/// stays text). Tags such as <c>!!python/object</c> are ignored: nothing is ever constructed from them. The walk counts
/// nodes, so aliases cannot expand it past <see cref="PackageInspectionLimits.MaxYamlNodes"/>.
/// </summary>
internal sealed class YamlJson
{
    private int visited;

    public JsonNode? Convert(YamlNode node)
    {
        if (++visited > PackageInspectionLimits.MaxYamlNodes)
        {
            throw new YamlNodeBudgetExceededException();
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[key is YamlScalarNode k ? k.Value ?? "" : key.ToString()] = Convert(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    /// <summary>A scalar's text, or null for YAML null; what string-valued MLmodel keys are read with.</summary>
    public static string? Text(YamlNode? node) =>
        node is YamlScalarNode scalar && !(scalar.Style == ScalarStyle.Plain && IsNull(scalar.Value)) ? scalar.Value : null;

    /// <summary>
    /// Whether the YAML nests deeper than <paramref name="maxDepth"/>. Building the node tree recurses once per level,
    /// so a file of a million <c>[</c> would overflow the stack and end the process; the event parser used here does
    /// not recurse. Invalid YAML throws <see cref="YamlException"/>, as loading it would.
    /// </summary>
    public static bool TooDeep(string text, int maxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.SequenceStart or YamlDotNet.Core.Events.MappingStart when ++depth > maxDepth:
                    return true;
                case YamlDotNet.Core.Events.SequenceEnd or YamlDotNet.Core.Events.MappingEnd:
                    depth--;
                    break;
            }
        }

        return false;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        if (IsNull(text))
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    private static bool IsNull(string? text) => text is null or "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>The YAML walk visited more nodes than <see cref="PackageInspectionLimits.MaxYamlNodes"/>.</summary>
internal sealed class YamlNodeBudgetExceededException : Exception
{
    public YamlNodeBudgetExceededException()
        : base($"it expands to more than {PackageInspectionLimits.MaxYamlNodes} YAML nodes")
    {
    }
}
