using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Storage;

/// <summary>Builds packages (zip, tar) for upload tests, sends them, and checks what a refusal must leave behind: nothing.</summary>
internal static class TestPackages
{
    public static readonly byte[] MlModel = Encoding.UTF8.GetBytes("artifact_path: model\nflavors:\n  onnx:\n    onnx_version: 1.17.0\n");

    public static byte[] Zip(params (string Name, byte[] Content, int? UnixMode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                if (mode is { } unix)
                {
                    entry.ExternalAttributes = unix << 16;
                }

                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(entries.Select(e => (e.Name, e.Content, (int?)null)).ToArray());

    public static byte[] Tar(bool gzip, params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        var outer = gzip ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true) : (Stream)buffer;
        using (var tar = new TarWriter(outer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                tar.WriteEntry(entry);
            }
        }

        if (gzip)
        {
            outer.Dispose();
        }

        return buffer.ToArray();
    }

    public static PaxTarEntry File(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> UploadAsync(
        HttpClient client, string model, string fileName, byte[] content, string route = "upload", string query = "", bool multipart = false)
    {
        HttpContent body;
        var url = $"api/v1/models/{Uri.EscapeDataString(model)}/versions/{route}?{query}";
        if (multipart)
        {
            var form = new MultipartFormDataContent();
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)))
            {
                form.Add(new StringContent(Uri.UnescapeDataString(pair[1])), pair[0]);
            }

            form.Add(new ByteArrayContent(content), "file", fileName);
            body = form;
            url = $"api/v1/models/{Uri.EscapeDataString(model)}/versions/{route}";
        }
        else
        {
            body = new ByteArrayContent(content);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            url += (query.Length > 0 ? "&" : "") + "filename=" + Uri.EscapeDataString(fileName);
        }

        var response = await client.PostAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Asserts a 400 with the given problem code, then that no version, registry file or package directory is left.</summary>
    public static async Task AssertRefusedAndNothingLeftAsync(SlipwayTestServer server, string model, (HttpResponseMessage Response, JsonElement Body) result, string code)
    {
        Assert.True(result.Response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"expected 400, got {(int)result.Response.StatusCode}: {result.Body}");
        Assert.Equal(code, result.Body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(result.Body.GetProperty("detail").GetString()));
        await AssertNothingLeftAsync(server, model);
    }

    public static async Task AssertNothingLeftAsync(SlipwayTestServer server, string model)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var id = await db.RegisteredModels.Where(m => m.Name == model).Select(m => m.Id).SingleAsync();
        Assert.Equal(0, await db.ModelVersions.CountAsync(v => v.RegisteredModelId == id));
        Assert.Equal(0, await db.ModelVersionFiles.CountAsync(f => f.RegisteredModelId == id));
        var listing = await server.Client.GetStringAsync($"api/2.0/mlflow-artifacts/artifacts?path=registry/{id}");
        Assert.Equal("{}", listing);
        var tmp = Path.Combine(server.DataDir, "tmp");
        Assert.Empty(Directory.Exists(tmp) ? Directory.EnumerateFileSystemEntries(tmp) : []);
    }
}
