using System.Net.Sockets;
using System.Text;

namespace Slipway.Core.Tests.Mlflow;

/// <summary>
/// Sends a request with its target exactly as written. HttpClient (System.Uri) removes dot segments and may
/// re-encode a path, so a test of what the server does with <c>../</c> has to write the request line itself.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);
    }

    public static async Task<Response> SendAsync(Uri server, string method, string target, string token, byte[]? body = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var head = new StringBuilder()
            .Append($"{method} {target} HTTP/1.1\r\n")
            .Append($"Host: {server.Authority}\r\n")
            .Append($"Authorization: Bearer {token}\r\n")
            .Append("Connection: close\r\n");
        if (body is not null)
        {
            head.Append("Content-Type: application/octet-stream\r\n").Append($"Content-Length: {body.Length}\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        using var received = new MemoryStream();
        await stream.CopyToAsync(received);
        return Parse(received.ToArray());
    }

    private static Response Parse(byte[] raw)
    {
        var split = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.ASCII.GetString(raw, 0, split).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = raw.AsSpan(split + 4).ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Response(status, headers, body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var position = 0;
        while (true)
        {
            var end = chunked.AsSpan(position).IndexOf("\r\n"u8) + position;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, position, end - position).Split(';')[0], 16);
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, end + 2, size);
            position = end + 2 + size + 2;
        }
    }
}
