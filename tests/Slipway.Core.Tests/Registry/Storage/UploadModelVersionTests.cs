using System.Formats.Tar;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Storage;
using Slipway.Tests;
using Slipway.Tests.Models;
using static Slipway.Core.Tests.Registry.Storage.TestPackages;

namespace Slipway.Core.Tests.Registry.Storage;

/// <summary>One server with small package limits (20 files, 1 MB) for the upload and import tests.</summary>
public sealed class UploadServer : IAsyncLifetime
{
    public SlipwayTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Registry:Packages:MaxFiles"] = "20",
            ["Registry:Packages:MaxBytes"] = "1000000",
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Versions from uploaded packages and third-party imports; unsafe archives are refused and leave nothing.</summary>
public sealed class UploadModelVersionTests(UploadServer fixture) : IClassFixture<UploadServer>
{
    private static readonly byte[] Onnx = PackageContents.Onnx;

    /// <summary>An MLmodel whose onnx flavor keeps its graph in a sub-folder.</summary>
    private static readonly byte[] NestedMlModel = Encoding.UTF8.GetBytes("artifact_path: model\nflavors:\n  onnx:\n    data: data/model.onnx\n    onnx_version: 1.17.0\n");

    private SlipwayTestServer Server => fixture.Server;

    [Fact]
    public async Task A_bare_onnx_file_is_uploaded_as_a_one_file_version_with_its_digest()
    {
        var model = await NewModelAsync();
        var (response, body) = await UploadAsync(Server.Client, model, "model.onnx", Onnx, query: "description=first");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1", body.GetProperty("version").GetString());
        Assert.Equal("in_house", body.GetProperty("origin").GetString());
        var file = Assert.Single(body.GetProperty("files").EnumerateArray());
        Assert.Equal(("onnx", "onnx", false), (body.GetProperty("format").GetString(), body.GetProperty("flavor").GetString(), body.GetProperty("unsafe_format").GetBoolean()));
        Assert.Equal(("model.onnx", (long)Onnx.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Onnx))),
            (file.GetProperty("path").GetString(), file.GetProperty("size").GetInt64(), file.GetProperty("sha256").GetString()));
        var storage = body.GetProperty("storage_uri").GetString()!;
        Assert.Equal(Onnx, await Server.Client.GetByteArrayAsync($"api/2.0/mlflow-artifacts/artifacts/{storage["mlflow-artifacts:/".Length..]}/model.onnx"));
        var mlflow = await new MlflowApi(Server.Client).GetOkAsync($"model-versions/get?name={model}&version=1");
        Assert.Equal("first", mlflow.GetProperty("model_version").GetProperty("description").GetString());
        Assert.Equal(storage, (await new MlflowApi(Server.Client).GetOkAsync($"model-versions/get-download-uri?name={model}&version=1")).GetProperty("artifact_uri").GetString());
    }

    [Fact]
    public async Task An_mlflow_directory_zip_in_a_top_level_folder_is_extracted_to_the_package_root()
    {
        var model = await NewModelAsync();
        var zip = Zip(("my-model/MLmodel", MlModel), ("my-model/model.onnx", Onnx), ("my-model/", []));
        var (response, body) = await UploadAsync(Server.Client, model, "my-model.zip", zip, multipart: true, query: "description=zipped&tag=team=risk");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["MLmodel", "model.onnx"], Paths(body));
        Assert.Equal(("mlflow", "onnx"), (body.GetProperty("format").GetString(), body.GetProperty("flavor").GetString()));
        var version = (await new MlflowApi(Server.Client).GetOkAsync($"model-versions/get?name={model}&version=1")).GetProperty("model_version");
        Assert.Equal("risk", version.GetProperty("tags")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task A_zip_without_mlmodel_is_an_mlnet_model_kept_as_one_file()
    {
        var model = await NewModelAsync();
        var zip = PackageContents.MlnetZip;
        var (response, body) = await UploadAsync(Server.Client, model, "adult-census.zip", zip);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["adult-census.zip"], Paths(body));
        Assert.Equal(("mlnet", "mlnet"), (body.GetProperty("format").GetString(), body.GetProperty("flavor").GetString()));
        Assert.Equal(zip.Length, body.GetProperty("files")[0].GetProperty("size").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_mlflow_directory_tar_is_extracted(bool gzip)
    {
        var model = await NewModelAsync();
        var tar = Tar(gzip, new PaxTarEntry(TarEntryType.Directory, "./"), File("./MLmodel", NestedMlModel), File("./data/model.onnx", Onnx));
        var (response, body) = await UploadAsync(Server.Client, model, gzip ? "m.tar.gz" : "m.tar", tar);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["MLmodel", "data/model.onnx"], Paths(body));
    }

    [Fact]
    public async Task A_third_party_import_records_its_provenance_and_origin()
    {
        var model = await NewModelAsync();
        var (response, body) = await UploadAsync(Server.Client, model, "resnet.onnx", Onnx, route: "import",
            query: "origin=huggingface&license=apache-2.0&author=" + Uri.EscapeDataString("Jane Doe") + "&source_url=" + Uri.EscapeDataString("https://huggingface.co/org/resnet"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("third_party", "huggingface", "apache-2.0", "Jane Doe", "https://huggingface.co/org/resnet"), (
            body.GetProperty("origin").GetString(), body.GetProperty("provenance_origin").GetString(), body.GetProperty("license").GetString(),
            body.GetProperty("author").GetString(), body.GetProperty("source_url").GetString()));
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var id = await db.RegisteredModels.Where(m => m.Name == model).Select(m => m.Id).SingleAsync();
        var stored = await db.ModelVersions.SingleAsync(v => v.RegisteredModelId == id);
        Assert.Equal(("third_party", "huggingface", "apache-2.0"), (stored.Origin, stored.ProvenanceOrigin, stored.License));

        var other = await NewModelAsync();
        await AssertRefusedAndNothingLeftAsync(Server, other,
            await UploadAsync(Server.Client, other, "x.onnx", Onnx, route: "import", query: "origin=hf&source_url=" + Uri.EscapeDataString("file:///etc/passwd")), "invalid_parameter_value");
        await AssertRefusedAndNothingLeftAsync(Server, other, await UploadAsync(Server.Client, other, "x.onnx", Onnx, route: "import"), "invalid_parameter_value");
    }

    public static TheoryData<string, string> UnsafeArchives => new()
    {
        { "dotdot.zip", PackageErrors.UnsafeMemberPath },
        { "absolute.zip", PackageErrors.UnsafeMemberPath },
        { "backslash.zip", PackageErrors.UnsafeMemberPath },
        { "symlink.zip", PackageErrors.LinkMember },
        { "dotdot.tar", PackageErrors.UnsafeMemberPath },
        { "absolute.tar", PackageErrors.UnsafeMemberPath },
        { "symlink.tar", PackageErrors.LinkMember },
        { "hardlink.tar", PackageErrors.LinkMember },
        { "device.tar", PackageErrors.SpecialMember },
        { "fifo.tar.gz", PackageErrors.SpecialMember },
        { "too-many-files.zip", PackageErrors.TooManyFiles },
        { "bomb.zip", PackageErrors.TooLarge },
        { "bomb.tar.gz", PackageErrors.TooLarge },
        { "garbage.zip", PackageErrors.BadArchive },
        { "garbage.tar.gz", PackageErrors.BadArchive },
    };

    [Theory]
    [MemberData(nameof(UnsafeArchives))]
    public async Task An_unsafe_or_oversized_archive_is_refused_with_its_rule_and_leaves_nothing(string fileName, string code)
    {
        var model = await NewModelAsync();
        var result = await UploadAsync(Server.Client, model, fileName, Archive(fileName));
        await AssertRefusedAndNothingLeftAsync(Server, model, result, code);
        if (code is not (PackageErrors.TooManyFiles or PackageErrors.TooLarge or PackageErrors.BadArchive))
        {
            Assert.Contains("Archive member '", result.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.False(System.IO.File.Exists(Path.Combine(Server.DataDir, "evil")));
        Assert.False(System.IO.File.Exists("/tmp/slipway-evil"));
    }

    [Fact]
    public async Task An_upload_over_the_byte_limit_and_a_bad_file_name_are_refused()
    {
        var model = await NewModelAsync();
        await AssertRefusedAndNothingLeftAsync(Server, model, await UploadAsync(Server.Client, model, "big.onnx", new byte[1_000_001]), PackageErrors.TooLarge);
        await AssertRefusedAndNothingLeftAsync(Server, model, await UploadAsync(Server.Client, model, "..", Onnx), "invalid_parameter_value");
        await AssertRefusedAndNothingLeftAsync(Server, model, await UploadAsync(Server.Client, model, "empty.tar", Tar(false)), PackageErrors.Empty);
        var unknown = await UploadAsync(Server.Client, "no-such-model", "m.onnx", Onnx);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Response.StatusCode);
    }

    public static TheoryData<string> CrowdedArchives => new()
    {
        // MaxFiles + 1 empty files, then a member that would be refused on its own: the count stops the first pass before it.
        "files-then-dotdot.zip",
        "files-then-symlink.tar",
        "files-then-device.tar.gz",
        // Directories count too: twice MaxFiles entries at most, so 41 directories are refused even with two files.
        "directories.zip",
        "directories.tar",
        // Not an MLflow directory (no MLmodel), which used to be kept whole as an ML.NET zip whatever it listed.
        "many-files-no-mlmodel.zip",
        // One entry, but the end record claims 60 000: refused before the central directory is read.
        "declares-60000.zip",
    };

    [Theory]
    [MemberData(nameof(CrowdedArchives))]
    public async Task An_archive_listing_more_entries_than_the_limits_is_refused_while_its_entries_are_first_read(string fileName)
    {
        var model = await NewModelAsync();
        var result = await UploadAsync(Server.Client, model, fileName, Crowded(fileName));
        await AssertRefusedAndNothingLeftAsync(Server, model, result, PackageErrors.TooManyFiles);
        Assert.Matches("more than (20 files|40 entries)", result.Body.GetProperty("detail").GetString());
    }

    private static byte[] Crowded(string fileName)
    {
        var empties = Enumerable.Range(0, 21).Select(i => ($"f{i}.bin", Array.Empty<byte>())).ToArray();
        var emptyTar = Enumerable.Range(0, 21).Select(i => (TarEntry)File($"f{i}.bin", [])).ToArray();
        var directories = Enumerable.Range(0, 41).Select(i => ($"d{i}/", Array.Empty<byte>())).ToArray();
        return fileName switch
        {
            "files-then-dotdot.zip" => Zip([("MLmodel", MlModel), .. empties, ("../evil", [1])]),
            "files-then-symlink.tar" => Tar(false, [File("MLmodel", MlModel), .. emptyTar, new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" }]),
            "files-then-device.tar.gz" => Tar(true, [File("MLmodel", MlModel), .. emptyTar, new PaxTarEntry(TarEntryType.CharacterDevice, "null")]),
            "directories.zip" => Zip([("MLmodel", MlModel), ("model.onnx", Onnx), .. directories]),
            "directories.tar" => Tar(false, [File("MLmodel", MlModel), File("model.onnx", Onnx), .. Enumerable.Range(0, 41).Select(i => new PaxTarEntry(TarEntryType.Directory, $"d{i}/"))]),
            "many-files-no-mlmodel.zip" => Zip(empties),
            "declares-60000.zip" => DeclaringEntries(Zip(("MLmodel", MlModel)), 60_000),
            _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
        };
    }

    /// <summary>Rewrites the entry counts of a zip's end of central directory record (the last 22 bytes when it has no comment).</summary>
    private static byte[] DeclaringEntries(byte[] zip, ushort count)
    {
        var end = zip.Length - 22;
        Assert.Equal(0x06054b50u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(end + 8), count);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(end + 10), count);
        return zip;
    }

    private static byte[] Archive(string fileName) => fileName switch
    {
        "dotdot.zip" => Zip(("MLmodel", MlModel), ("../evil", [1])),
        "absolute.zip" => Zip(("MLmodel", MlModel), ("/tmp/slipway-evil", [1])),
        "backslash.zip" => Zip(("MLmodel", MlModel), ("..\\evil", [1])),
        "symlink.zip" => Zip(("MLmodel", MlModel, (int?)null), ("link", Encoding.UTF8.GetBytes("/etc/passwd"), (int?)0xA1FF)),
        "dotdot.tar" => Tar(false, File("MLmodel", MlModel), File("a/../../evil", [1])),
        "absolute.tar" => Tar(false, File("MLmodel", MlModel), File("/tmp/slipway-evil", [1])),
        "symlink.tar" => Tar(false, File("MLmodel", MlModel), new PaxTarEntry(TarEntryType.SymbolicLink, "link") { LinkName = "/etc/passwd" }),
        "hardlink.tar" => Tar(false, File("MLmodel", MlModel), new PaxTarEntry(TarEntryType.HardLink, "link") { LinkName = "/etc/passwd" }),
        "device.tar" => Tar(false, File("MLmodel", MlModel), new PaxTarEntry(TarEntryType.CharacterDevice, "null")),
        "fifo.tar.gz" => Tar(true, File("MLmodel", MlModel), new PaxTarEntry(TarEntryType.Fifo, "pipe")),
        "too-many-files.zip" => Zip(Enumerable.Range(0, 20).Select(i => ($"f{i}.bin", new byte[] { 1 })).Prepend(("MLmodel", MlModel)).ToArray()),
        // 50 MB of zeros in a few kilobytes: refused by the bytes actually decompressed, whatever the headers say.
        "bomb.zip" => Zip(("MLmodel", MlModel), ("zeros.bin", new byte[50_000_000])),
        "bomb.tar.gz" => Tar(true, File("MLmodel", MlModel), File("zeros.bin", new byte[50_000_000])),
        "garbage.zip" or "garbage.tar.gz" => Encoding.UTF8.GetBytes("this is not an archive at all"),
        _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
    };

    private static string[] Paths(JsonElement body) => body.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).ToArray();

    private async Task<string> NewModelAsync()
    {
        var name = "m-" + Guid.NewGuid().ToString("N")[..8];
        await new MlflowApi(Server.Client).OkAsync("registered-models/create", new { name });
        return name;
    }
}
