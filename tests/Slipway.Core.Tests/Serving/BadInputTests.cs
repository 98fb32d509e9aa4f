using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving;

/// <summary>
/// Issue 6, fifth Done-when item: each kind of bad input answers with its status and stable code, names what is
/// wrong, and the next good request succeeds. One server for the class: every case leaves the server serving.
/// </summary>
public sealed class BadInputTests(BadInputTests.Fixture fixture) : IClassFixture<BadInputTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public SlipwayTestServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
            var census = await ServingKit.RegisterOnnxAsync(Server, "census");
            var thrower = await ServingKit.RegisterAsync(Server, "thrower", "thrower.onnx", OnnxGraphs.Throwing());
            var limited = ServingKit.Spec("census", ServingKit.Route("main", "census", version: census));
            limited["limits"] = new JsonObject { ["max_request_bytes"] = 4096, ["max_rows_per_request"] = 20 };
            await ServingKit.DeployAsync(Server, limited);
            var strict = ServingKit.Spec("census-strict", ServingKit.Route("main", "census", version: census));
            strict["validation"] = new JsonObject { ["strict"] = true };
            await ServingKit.DeployAsync(Server, strict);
            await ServingKit.DeployAsync(Server, ServingKit.Spec("thrower", ServingKit.Route("main", "thrower", version: thrower)));
            foreach (var name in new[] { "census", "census-strict", "thrower" })
            {
                await ServingKit.WaitAsync(Server, name);
            }
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private SlipwayTestServer Server => fixture.Server;

    private static string Records(Action<JsonObject> change)
    {
        var row = JsonNode.Parse(ServingKit.RecordsBody(ServingKit.Rows(1)))!["dataframe_records"]![0]!.AsObject();
        change(row);
        return new JsonObject { ["dataframe_records"] = new JsonArray(row.DeepClone()) }.ToJsonString();
    }

    public static TheoryData<string, string, string, int, string, string> Cases => new()
    {
        // name, path, body, status, code, text the message must contain
        { "missing column", "mlflow/census/invocations", Records(r => r.Remove("sex")), 400, "INPUT_MISSING", "sex" },
        { "extra column (strict)", "mlflow/census-strict/invocations", Records(r => r["title"] = "Dr"), 400, "INPUT_UNKNOWN", "title" },
        { "wrong type", "mlflow/census/invocations", Records(r => r["age"] = "thirty-nine"), 400, "DATATYPE_MISMATCH", "age" },
        { "fraction for an integer", "mlflow/census/invocations", Records(r => r["age"] = 39.5), 400, "DATATYPE_MISMATCH", "age" },
        { "wrong shape", "v2/models/census/infer", ServingKit.OipBody(ServingKit.Rows(2)).Replace("[2,1]", "[1,2]", StringComparison.Ordinal), 400, "SHAPE_MISMATCH", "[1,2]" },
        { "wrong datatype", "v2/models/census/infer", ServingKit.OipBody(ServingKit.Rows(1)).Replace("\"FP64\"", "\"FP32\"", StringComparison.Ordinal), 400, "DATATYPE_MISMATCH", "capital_gain" },
        { "NaN", "mlflow/census/invocations", Records(r => r["hours_per_week"] = "NaN"), 400, "NON_FINITE_VALUE", "hours_per_week" },
        { "empty batch", "mlflow/census/invocations", """{"dataframe_records": []}""", 400, "EMPTY_BATCH", "empty" },
        { "too many rows", "mlflow/census/invocations", ServingKit.SplitBody(ServingKit.Rows(21)), 413, "BATCH_TOO_LARGE", "20" },
        { "malformed JSON", "mlflow/census/invocations", """{"dataframe_records": [{"age": 39,}""", 400, "MALFORMED_REQUEST", "" },
        { "two data keys", "mlflow/census/invocations", """{"instances": [], "inputs": []}""", 400, "MALFORMED_REQUEST", "exactly one" },
        { "throwing model", "v2/models/thrower/infer", """{"inputs": [{"name": "index", "shape": [1,1], "datatype": "INT64", "data": [99]}]}""", 500, "INFERENCE_FAILED", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_answers_its_code_and_the_next_good_request_succeeds(string name, string path, string body, int status, string code, string mentions)
    {
        var (response, json) = await ServingKit.PostAsync(Server.Client, path, body);
        Assert.True((int)response.StatusCode == status, $"{name}: expected {status}, got {(int)response.StatusCode}: {json}");
        var text = json.ToString();
        Assert.Contains(code, text, StringComparison.Ordinal);
        Assert.Contains(mentions, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(ServingKit.Header(response, "X-Request-Id")));
        if (path.StartsWith("mlflow", StringComparison.Ordinal))
        {
            var expected = status == 500 ? "INTERNAL_ERROR" : code == "MALFORMED_REQUEST" ? "BAD_REQUEST" : "INVALID_PARAMETER_VALUE";
            Assert.Equal(expected, json.GetProperty("error_code").GetString());
            Assert.Equal(code, json.GetProperty("slipway_code").GetString());
        }

        await AssertGoodRequestSucceedsAsync(path);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_and_the_next_request_succeeds()
    {
        var big = ServingKit.RecordsBody(ServingKit.Rows(40));
        var (response, json) = await ServingKit.PostAsync(Server.Client, "mlflow/census/invocations", big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", json.GetProperty("slipway_code").GetString());
        await AssertGoodRequestSucceedsAsync("mlflow/census/invocations");
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_is_refused_naming_the_row_and_a_good_csv_matches_json()
    {
        var rows = ServingKit.Rows(3);
        var csv = ServingKit.Csv(rows);
        var lines = csv.Split('\n');
        lines[2] = "forty," + lines[2][(lines[2].IndexOf(',', StringComparison.Ordinal) + 1)..];
        var (bad, badJson) = await ServingKit.PostAsync(Server.Client, "mlflow/census/invocations", string.Join('\n', lines), "text/csv");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("age", badJson.GetProperty("message").GetString(), StringComparison.Ordinal);

        var (good, goodJson) = await ServingKit.PostAsync(Server.Client, "mlflow/census/invocations", csv, "text/csv");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var (fromJson, json) = await ServingKit.PostAsync(Server.Client, "mlflow/census/invocations", ServingKit.SplitBody(rows));
        Assert.Equal(HttpStatusCode.OK, fromJson.StatusCode);
        Assert.Equal(json.GetProperty("predictions").ToString(), goodJson.GetProperty("predictions").ToString());
    }

    [Fact]
    public async Task An_extra_column_is_ignored_and_listed_unless_the_deployment_is_strict()
    {
        var (response, json) = await ServingKit.PostAsync(Server.Client, "mlflow/census/invocations", Records(r => r["title"] = "Dr"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.Equal("title", ServingKit.Header(response, "X-Slipway-Ignored-Inputs"));
    }

    [Fact]
    public async Task Other_media_types_are_refused_with_415()
    {
        var (response, json) = await ServingKit.PostAsync(Server.Client, "mlflow/census/invocations", "age\n39", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", json.GetProperty("slipway_code").GetString());
    }

    private async Task AssertGoodRequestSucceedsAsync(string path)
    {
        var good = path.Contains("thrower", StringComparison.Ordinal)
            ? """{"inputs": [{"name": "index", "shape": [2,1], "datatype": "INT64", "data": [0, 2]}]}"""
            : path.StartsWith("v2", StringComparison.Ordinal) ? ServingKit.OipBody(ServingKit.Rows(2)) : ServingKit.RecordsBody(ServingKit.Rows(2));
        var (response, json) = await ServingKit.PostAsync(Server.Client, path, good);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the good request after the bad one: {(int)response.StatusCode} {json}");
        if (path.Contains("thrower", StringComparison.Ordinal))
        {
            Assert.Equal("[10,30]", JsonSerializer.Serialize(json.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => (int)e.GetDouble())));
        }
    }
}
