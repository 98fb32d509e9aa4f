using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Slipway.Contracts.Serving;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// Reads a deployment from a request body: JSON (<c>application/json</c>) or the serving spec's §3.1 YAML
/// (<c>application/yaml</c>), where the name may be given as <c>deployment:</c>. Fields the spec does not have are
/// refused with their path, at any depth.
/// </summary>
internal static class DeploymentBody
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>A deployment nests four levels (routes → route → target); this leaves room and bounds the parsers.</summary>
    private const int MaxDepth = 16;

    public static async Task<Result<DeploymentSpec>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var yaml = IsYaml(request.ContentType);
        if (!yaml && !IsJson(request.ContentType))
        {
            return DeploymentErrors.Malformed("Send the deployment as JSON (Content-Type: application/json) or YAML (application/yaml).");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            return TooLarge();
        }

        var parsed = yaml ? FromYaml(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)) : FromJson(buffer.ToArray());
        return parsed.IsSuccess ? DeploymentSpecs.Bind(parsed.Value) : parsed.Error;
    }

    public static Result<JsonObject> FromJson(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth }) is JsonObject obj
                ? obj
                : DeploymentErrors.Malformed("The deployment must be a JSON object.");
        }
        catch (JsonException e)
        {
            return DeploymentErrors.Malformed($"The body is not valid JSON: {e.Message}");
        }
    }

    public static Result<JsonObject> FromYaml(string text)
    {
        try
        {
            if (YamlJson.TooDeep(text, MaxDepth))
            {
                return DeploymentErrors.Malformed($"The YAML nests deeper than {MaxDepth} levels.");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return DeploymentErrors.Malformed("The YAML must be one document holding a mapping.");
            }

            if (new YamlJson().Convert(root) is not JsonObject body)
            {
                return DeploymentErrors.Malformed("The YAML must be one document holding a mapping.");
            }

            // §3.1 names the deployment with `deployment:`; the JSON form calls it `name`.
            if (body.Remove("deployment", out var name))
            {
                if (body.ContainsKey("name"))
                {
                    return DeploymentErrors.Invalid(DeploymentErrors.NameMismatchCode, "Give the name once: as 'deployment' or as 'name'.", "deployment");
                }

                body["name"] = name;
            }

            return body;
        }
        catch (YamlException e)
        {
            return DeploymentErrors.Malformed($"The body is not valid YAML: {e.Message.Split('\n', 2)[0].Trim()}");
        }
        catch (YamlNodeBudgetExceededException e)
        {
            return DeploymentErrors.Malformed($"The YAML is too large: {e.Message}.");
        }
    }

    private static Error TooLarge() => DeploymentErrors.Malformed($"The deployment is larger than {MaxBodyBytes} bytes.");

    private static bool IsJson(string? contentType) => MediaType(contentType) is "application/json" || (MediaType(contentType)?.EndsWith("+json", StringComparison.Ordinal) ?? false);

    private static bool IsYaml(string? contentType) => MediaType(contentType) is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml";

    private static string? MediaType(string? contentType) => contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
}
