using System.IO.Compression;
using System.Net;
using Slipway.Client.Tests.Support;
using Slipway.Contracts.Registry;
using Slipway.Tests.Models;

namespace Slipway.Client.Tests.Client;

public sealed class ModelsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_package_is_uploaded_listed_and_verified()
    {
        var name = await NewModelAsync();
        var onnx = PackageContents.Onnx;
        using var content = new MemoryStream(onnx);
        var version = await fixture.Client.Models.UploadAsync(name, content, "model.onnx", "first");

        Assert.Equal(("1", "in_house", "onnx"), (version.Version, version.Origin, version.Format));
        var file = Assert.Single(await fixture.Client.Models.ListFilesAsync(name, 1));
        Assert.Equal(("model.onnx", (long)onnx.Length), (file.Path, file.Size));
        var verification = await fixture.Client.Models.VerifyAsync(name, 1);
        Assert.True(verification.Ok);
        Assert.Equal("ok", Assert.Single(verification.Files).Status);
    }

    [Fact]
    public async Task A_third_party_import_carries_provenance_and_a_refused_archive_names_its_rule()
    {
        var name = await NewModelAsync();
        using var content = new MemoryStream(PackageContents.Onnx);
        var version = await fixture.Client.Models.ImportAsync(name, content, "net.onnx", new ModelProvenance("huggingface", "mit", "Ann", "https://huggingface.co/a/b"));
        Assert.Equal(("third_party", "huggingface", "mit", "Ann"), (version.Origin, version.ProvenanceOrigin, version.License, version.Author));

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            archive.CreateEntry("MLmodel");
            archive.CreateEntry("../escape");
        }

        zip.Position = 0;
        var refused = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Models.UploadAsync(name, zip, "m.zip"));
        Assert.Equal((HttpStatusCode.BadRequest, "archive_member_unsafe_path"), (refused.StatusCode, refused.Code));
        Assert.Contains("../escape", refused.Message, StringComparison.Ordinal);
    }

    private async Task<string> NewModelAsync()
    {
        var name = "m-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        return name;
    }

    [Fact]
    public async Task A_version_its_alias_card_and_catalog_entry_are_read_through_the_SDK()
    {
        var name = "sdk-" + Guid.NewGuid().ToString("N")[..8];
        var runId = await fixture.Mlflow.CreateRunAsync();
        await fixture.Mlflow.LogModelFilesAsync(runId);
        await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "rmse", value = 1.5, timestamp = 1 });
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        await fixture.Mlflow.OkAsync("model-versions/create", new { name, source = $"runs:/{runId}/model", run_id = runId });
        await fixture.Mlflow.OkAsync("registered-models/alias", new { name, alias = "champion", version = "1" });

        var client = fixture.Client;
        Assert.Equal(1, (await client.Models.GetAsync(name)).Aliases["champion"]);
        Assert.Equal(runId, (await client.Models.GetVersionAsync(name, 1)).RunId);
        Assert.Equal(1, (await client.Models.GetByAliasAsync(name, "champion")).Version);
        Assert.Equal(1, Assert.Single((await client.Models.ListVersionsAsync(name)).Items).Version);
        Assert.Equal(1.5, (await client.Models.GetCardAsync(name, 1)).Metrics["rmse"]);
        Assert.Contains("| rmse | 1.5 |", await client.Models.GetCardMarkdownAsync(name, 1), StringComparison.Ordinal);
        var found = await client.Models.SearchAsync(new CatalogQuery { Text = name, Metrics = ["rmse<2"] });
        Assert.Equal(["champion"], Assert.Single(found.Items).Aliases);

        var missing = await Assert.ThrowsAsync<SlipwayApiException>(() => client.Models.GetAsync(name + "-missing"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
