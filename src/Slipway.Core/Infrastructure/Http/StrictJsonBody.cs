using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Http;

/// <summary>
/// Reads a JSON request body and refuses fields the request type does not have, naming them (governance.md §8.8,
/// mass assignment): <c>{"is_admin": true}</c> sent to a self-service route is a 400, not silently dropped. For
/// routes where a stray field is a security question; declare the type for OpenAPI with <c>Accepts&lt;T&gt;</c>.
/// </summary>
public static class StrictJsonBody
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly ConcurrentDictionary<Type, string[]> Fields = new();

    public static async Task<Result<T>> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error.Invalid("The request body must be JSON, sent with Content-Type: application/json.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Error.Invalid($"The request body is larger than the limit of {MaxBodyBytes} bytes.");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        JsonObject? body;
        try
        {
            using var limited = new MemoryStream();
            await request.Body.CopyToAsync(limited, context.RequestAborted);
            if (limited.Length > MaxBodyBytes)
            {
                return Error.Invalid($"The request body is larger than the limit of {MaxBodyBytes} bytes.");
            }

            body = JsonNode.Parse(limited.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject;
        }
        catch (JsonException e)
        {
            return Error.Invalid($"The request body is not valid JSON: {e.Message}");
        }

        if (body is null)
        {
            return Error.Invalid("The request body must be a JSON object.");
        }

        var allowed = Fields.GetOrAdd(typeof(T), t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name)]);
        foreach (var (name, _) in body)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                return new Error(ErrorKind.Invalid, "unknown_field", $"Unknown field '{name}': this request accepts only {string.Join(", ", allowed.Select(a => "'" + a + "'"))}.", name);
            }
        }

        try
        {
            return body.Deserialize<T>(options) is { } value ? value : Error.Invalid("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            return Error.Invalid($"The request body does not match the expected shape: {e.Message}", e.Path?.TrimStart('$', '.'));
        }
    }
}
