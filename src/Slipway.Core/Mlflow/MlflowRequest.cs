using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Mlflow;

/// <summary>
/// Reads an MLflow request message (mlflow-rest.md §1.2): from the query string on GET (repeated keys become
/// lists), otherwise from a JSON body, which POST and PUT must declare as application/json. An empty body is
/// <c>{}</c>, a JSON string holding JSON is decoded twice, malformed JSON is a 400 that says where.
/// </summary>
public static class MlflowRequest
{
    /// <summary>The largest JSON body of an MLflow RPC: 1,000,000 bytes (MLflow's log-batch limit).</summary>
    public const int MaxBodyBytes = 1_000_000;

    /// <summary>
    /// The largest body of <c>runs/log-inputs</c>, whose dataset schemas and profiles may reach 1 and 16 million
    /// characters (mlflow-rest.md §1.7): 64 MiB.
    /// </summary>
    public const int MaxInputsBodyBytes = 64 * 1024 * 1024;

    private static readonly object BodyKey = new();

    public static Task<Result<T>> ReadAsync<T>(HttpContext context)
        where T : class => ReadAsync<T>(context, MaxBodyBytes);

    public static async Task<Result<T>> ReadAsync<T>(HttpContext context, int maxBodyBytes)
        where T : class
    {
        if (maxBodyBytes > MaxBodyBytes && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }

        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.QueryString.HasValue)
        {
            return FromQuery<T>(request.Query);
        }

        if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
        {
            if (string.IsNullOrEmpty(request.ContentType))
            {
                return Error.Invalid("Bad Request. Content-Type header is missing.");
            }

            if (!request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return Error.Invalid($"Bad Request. Content-Type must be one of ['application/json'], not '{request.ContentType}'.");
            }
        }

        if (request.ContentLength > maxBodyBytes)
        {
            return Error.Invalid($"The request body is {request.ContentLength} bytes; the limit is {maxBodyBytes} bytes.");
        }

        // The access middleware reads the message first to find the resource; the body is kept for the handler.
        var body = context.Items[BodyKey] as byte[];
        if (body is null)
        {
            body = await ReadBodyAsync(request, maxBodyBytes, context.RequestAborted);
            if (body is null)
            {
                return Error.Invalid($"The request body is larger than the limit of {maxBodyBytes} bytes.");
            }

            context.Items[BodyKey] = body;
        }
        else if (body.Length > maxBodyBytes)
        {
            return Error.Invalid($"The request body is larger than the limit of {maxBodyBytes} bytes.");
        }

        if (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return Deserialize<T>("{}"u8.ToArray());
        }

        var trimmed = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (trimmed[0] == (byte)'"')
        {
            // Old clients send a JSON string that holds the JSON object.
            try
            {
                var inner = JsonSerializer.Deserialize<string>(body);
                return inner is null ? Error.Invalid("The request body must be a JSON object.") : Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(inner));
            }
            catch (JsonException e)
            {
                return Error.Invalid($"Malformed JSON in the request body: {Describe(e)}");
            }
        }

        if (trimmed[0] != (byte)'{')
        {
            return Error.Invalid("The request body must be a JSON object.");
        }

        return HasEscapedNul(body)
            ? Error.Invalid("The request holds a NUL character (\\u0000); text fields cannot contain it.")
            : Deserialize<T>(body);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        // Sized from Content-Length only up to 1 MiB: a header alone must not reserve memory.
        using var buffer = new MemoryStream(request.ContentLength is { } length && length <= Math.Min(maxBodyBytes, 1 << 20) ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Result<T> Deserialize<T>(byte[] utf8)
        where T : class
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8, MlflowJson.Options);
            if (value is null)
            {
                return Error.Invalid("The request body must be a JSON object.");
            }

            return NullElements.Find(value) is { } path
                ? Error.Invalid($"'{path}' is null; lists must not contain null elements.", path)
                : value;
        }
        catch (JsonException e)
        {
            return Error.Invalid($"Invalid request: {Describe(e)}", FieldOf(e));
        }
        catch (InvalidOperationException e)
        {
            return Error.Invalid($"Invalid value in the request: {e.Message}");
        }
    }

    /// <summary>
    /// A NUL can only reach a JSON string as the escape <c>\u0000</c>. PostgreSQL refuses it in text, SQLite keeps
    /// it, so it is refused up front on both.
    /// </summary>
    private static bool HasEscapedNul(ReadOnlySpan<byte> json)
    {
        for (var i = json.IndexOf((byte)'\\'); i >= 0 && i < json.Length - 1; i++)
        {
            if (json[i] != (byte)'\\')
            {
                continue;
            }

            if (json[i + 1] == (byte)'u' && i + 5 < json.Length && json.Slice(i + 2, 4).SequenceEqual("0000"u8))
            {
                return true;
            }

            // Skip the escaped character, so that "\\u0000" (a backslash, then text) is not taken for a NUL.
            i++;
        }

        return false;
    }

    private static string? FieldOf(JsonException e) => e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : null;

    private static string Describe(JsonException e)
    {
        var field = FieldOf(e) is { } name ? $"field '{name}' has the wrong type or is malformed" : "malformed JSON";
        return e.LineNumber is { } line ? $"{field} (line {line + 1}, position {e.BytePositionInLine})." : field + ".";
    }

    /// <summary>Builds the message from the query string, using the message type to decide which keys are lists.</summary>
    private static Result<T> FromQuery<T>(IQueryCollection query)
        where T : class
    {
        var listFields = ListFieldsOf(typeof(T));
        var json = new JsonObject();
        foreach (var (key, values) in query)
        {
            if (listFields.Contains(key))
            {
                json[key] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }
            else
            {
                json[key] = JsonValue.Create(values.LastOrDefault());
            }
        }

        return Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(json));
    }

    private static HashSet<string> ListFieldsOf(Type type) =>
        ListFieldCache.GetOrAdd(type, static t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType))
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .ToHashSet(StringComparer.Ordinal));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, HashSet<string>> ListFieldCache = new();
}
