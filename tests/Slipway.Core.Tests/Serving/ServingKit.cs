using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slipway.Core.Tests.Registry.Storage;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving;

/// <summary>
/// What serving tests share: registering the adult-census models, deploying, waiting for routes to serve (a
/// condition polled, never a fixed sleep), and request bodies for each protocol from real adult-census rows.
/// </summary>
internal static class ServingKit
{
    /// <summary>Server settings that make the serving loops quick in tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastLoops = new Dictionary<string, string?>
    {
        ["Serving:ReconcileSeconds"] = "0.5",
        ["Serving:SweepSeconds"] = "0.2",
        ["Serving:SwitchRetryMinSeconds"] = "0.5",
    };

    private static readonly Lazy<IReadOnlyList<AdultCensusRow>> AllRows =
        new(() => AdultCensusExample.Read(TestData.File("adult-census.csv"), every: 3).Cast<AdultCensusRow>().ToList());

    public static IReadOnlyList<AdultCensusRow> Rows(int count, int skip = 0) => AllRows.Value.Skip(skip).Take(count).ToList();

    /// <summary>Creates the registered model when missing and uploads a version; returns its number.</summary>
    public static async Task<int> RegisterAsync(SlipwayTestServer server, string model, string fileName, byte[] content)
    {
        using (var create = await server.Client.PostAsJsonAsync("api/2.0/mlflow/registered-models/create", new { name = model }))
        {
            Assert.True(create.IsSuccessStatusCode || create.StatusCode == HttpStatusCode.BadRequest, await create.Content.ReadAsStringAsync());
        }

        var (response, body) = await TestPackages.UploadAsync(server.Client, model, fileName, content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return int.Parse(body.GetProperty("version").GetString()!, CultureInfo.InvariantCulture);
    }

    public static Task<int> RegisterMlnetAsync(SlipwayTestServer server, string model) =>
        RegisterAsync(server, model, ModelPackages.MlnetFile, PackageContents.MlnetZip);

    public static Task<int> RegisterOnnxAsync(SlipwayTestServer server, string model) =>
        RegisterAsync(server, model, ModelPackages.OnnxFile, PackageContents.Onnx);

    public static async Task SetAliasAsync(SlipwayTestServer server, string model, string alias, int version)
    {
        using var response = await server.Client.PostAsJsonAsync("api/2.0/mlflow/registered-models/alias",
            new { name = model, alias, version = version.ToString(CultureInfo.InvariantCulture) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> DeployAsync(SlipwayTestServer server, JsonObject spec, HttpClient? client = null)
    {
        using var response = await (client ?? server.Client).PostAsync("api/v1/deployments", new StringContent(spec.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST api/v1/deployments answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetDeploymentAsync(SlipwayTestServer server, string name)
    {
        using var response = await server.Client.GetAsync("api/v1/deployments/" + name);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls the deployment until every route reports state <c>ready</c> (or <paramref name="until"/> holds).</summary>
    public static async Task<JsonElement> WaitAsync(SlipwayTestServer server, string name, Func<JsonElement, bool>? until = null, double seconds = 60)
    {
        until ??= d => d.GetProperty("status").EnumerateArray().All(r => r.GetProperty("state").GetString() == "ready");
        var started = TimeProvider.System.GetTimestamp();
        JsonElement last;
        do
        {
            last = await GetDeploymentAsync(server, name);
            if (until(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (TimeProvider.System.GetElapsedTime(started).TotalSeconds < seconds);

        Assert.Fail($"Deployment '{name}' did not reach the expected state within {seconds} s: {last}");
        return last;
    }

    /// <summary>Waits for a condition on the server, checking every 50 ms, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, double seconds = 30)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started).TotalSeconds > seconds)
            {
                Assert.Fail($"Timed out after {seconds} s waiting for: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static JsonObject Route(string id, string model, int? version = null, string? alias = null, int? weight = null, string role = "primary", double? sample = null, bool? keepWarm = null)
    {
        var target = new JsonObject { ["model"] = model };
        if (version is not null)
        {
            target["version"] = version;
        }

        if (alias is not null)
        {
            target["alias"] = alias;
        }

        var route = new JsonObject { ["id"] = id, ["target"] = target, ["role"] = role };
        if (weight is not null)
        {
            route["weight"] = weight;
        }

        if (sample is not null)
        {
            route["sample_percent"] = sample;
        }

        if (keepWarm is not null)
        {
            route["keep_warm"] = keepWarm;
        }

        return route;
    }

    public static JsonObject Spec(string name, params JsonObject[] routes) => new() { ["name"] = name, ["routes"] = new JsonArray(routes) };

    /// <summary>An OIP v2 body: one <c>[n,1]</c> input per column, typed as the model takes it.</summary>
    public static string OipBody(IReadOnlyList<AdultCensusRow> rows, string? id = null)
    {
        var inputs = new JsonArray
        {
            Input("age", "INT64", rows.Select(r => JsonValue.Create(r.Age))),
            Input("education_num", "FP32", rows.Select(r => JsonValue.Create(r.EducationNum))),
            Input("hours_per_week", "FP32", rows.Select(r => JsonValue.Create(r.HoursPerWeek))),
            Input("capital_gain", "FP64", rows.Select(r => JsonValue.Create(r.CapitalGain))),
            Input("workclass", "BYTES", rows.Select(r => JsonValue.Create(r.Workclass))),
            Input("marital_status", "BYTES", rows.Select(r => JsonValue.Create(r.MaritalStatus))),
            Input("sex", "BYTES", rows.Select(r => JsonValue.Create(r.Sex))),
        };
        var body = new JsonObject { ["inputs"] = inputs };
        if (id is not null)
        {
            body["id"] = id;
        }

        return body.ToJsonString();

        JsonObject Input(string name, string datatype, IEnumerable<JsonValue> values) => new()
        {
            ["name"] = name,
            ["shape"] = new JsonArray(rows.Count, 1),
            ["datatype"] = datatype,
            ["data"] = new JsonArray([.. values]),
        };
    }

    /// <summary>A KServe V1 body: <c>{"instances": [row objects]}</c>.</summary>
    public static string V1Body(IReadOnlyList<AdultCensusRow> rows) =>
        new JsonObject { ["instances"] = new JsonArray([.. rows.Select(RowObject)]) }.ToJsonString();

    /// <summary>An MLflow <c>dataframe_split</c> body.</summary>
    public static string SplitBody(IReadOnlyList<AdultCensusRow> rows) => new JsonObject
    {
        ["dataframe_split"] = new JsonObject
        {
            ["columns"] = new JsonArray([.. AdultCensusRow.Columns.Select(c => JsonValue.Create(c.Name))]),
            ["data"] = new JsonArray([.. rows.Select(r => new JsonArray(r.Age, r.EducationNum, r.HoursPerWeek, r.CapitalGain, r.Workclass, r.MaritalStatus, r.Sex))]),
        },
    }.ToJsonString();

    /// <summary>An MLflow <c>dataframe_records</c> body.</summary>
    public static string RecordsBody(IReadOnlyList<AdultCensusRow> rows) =>
        new JsonObject { ["dataframe_records"] = new JsonArray([.. rows.Select(RowObject)]) }.ToJsonString();

    public static string Csv(IReadOnlyList<AdultCensusRow> rows)
    {
        var text = new StringBuilder(string.Join(',', AdultCensusRow.Columns.Select(c => c.Name))).Append('\n');
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Age},{r.EducationNum.ToString("R", CultureInfo.InvariantCulture)},{r.HoursPerWeek.ToString("R", CultureInfo.InvariantCulture)},{r.CapitalGain.ToString("R", CultureInfo.InvariantCulture)},\"{r.Workclass}\",\"{r.MaritalStatus}\",\"{r.Sex}\"\n");
        }

        return text.ToString();
    }

    private static JsonObject RowObject(AdultCensusRow r) => new()
    {
        ["age"] = r.Age,
        ["education_num"] = r.EducationNum,
        ["hours_per_week"] = r.HoursPerWeek,
        ["capital_gain"] = r.CapitalGain,
        ["workclass"] = r.Workclass,
        ["marital_status"] = r.MaritalStatus,
        ["sex"] = r.Sex,
    };

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, string body, string mediaType = "application/json")
    {
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, mediaType));
        var text = await response.Content.ReadAsStringAsync();
        JsonElement parsed = default;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            parsed = JsonDocument.Parse(text).RootElement.Clone();
        }

        return (response, parsed);
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.First() : throw new Xunit.Sdk.XunitException($"The response has no {name} header.");

    /// <summary>The metrics text of the server (platform admin).</summary>
    public static async Task<string> MetricsAsync(SlipwayTestServer server)
    {
        using var response = await server.Client.GetAsync("metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }

    /// <summary>The value of one metric sample whose line starts with <paramref name="prefix"/> (name and labels), or 0.</summary>
    public static double Metric(string metrics, string name, params (string Label, string Value)[] labels)
    {
        var total = 0.0;
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                continue;
            }

            if (labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }
}

internal static class ServingStorage
{
    /// <summary>Overwrites a registered version's stored file on local disk behind Slipway's back.</summary>
    public static async Task CorruptAsync(SlipwayTestServer server, string model, int version, string file)
    {
        using var response = await server.Client.GetAsync($"api/2.0/mlflow/model-versions/get-download-uri?name={model}&version={version}");
        var uri = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("artifact_uri").GetString()!;
        var key = uri["mlflow-artifacts:/".Length..].TrimStart('/');
        var path = Path.Combine(server.DataDir, "artifacts", key, file);
        Assert.True(File.Exists(path), path);
        await File.WriteAllBytesAsync(path, "not an onnx model"u8.ToArray());
    }
}
