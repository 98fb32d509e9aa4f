using System.Text;
using System.Text.Json.Nodes;
using Slipway.Contracts.Serving;
using Slipway.Core.Serving.Deployments;

namespace Slipway.Core.Tests.Serving.Deployments;

/// <summary>What a deployment spec must look like before any database is asked (pure: no server).</summary>
public sealed class DeploymentValidationTests
{
    /// <summary>A body that passes, with one field replaced through a JSON path-like edit.</summary>
    internal const string Valid = """
        {"name": "income",
         "sticky_key": {"header": "X-Slipway-Route-Key", "json_field": "customer_id"},
         "routes": [
           {"id": "champion", "target": {"model": "income", "alias": "champion"}, "weight": 90, "role": "primary", "keep_warm": true},
           {"id": "challenger", "target": {"model": "income", "version": 2}, "weight": 10},
           {"id": "shadow-v2", "target": {"model": "income", "version": 2}, "sample_percent": 25, "role": "shadow"}],
         "limits": {"max_queue": 512, "deadline_ms": 1000},
         "batching": {"max_batch_size": 64, "max_queue_delay_ms": 0},
         "tiers": {"sheddable": {"max_in_flight_share": 0.5, "max_wait_ms": 100}},
         "log": {"sample_percent": 10},
         "lifecycle": {"idle_unload_after_seconds": 60, "cold_start": "reject"},
         "validation": {"strict": true}}
        """;

    [Fact]
    public void The_example_of_the_spec_passes()
    {
        var spec = Bind(Valid);
        Assert.Null(DeploymentValidation.Check(spec));
        Assert.Equal(3, spec.Routes.Count);
        Assert.Equal("customer_id", spec.StickyKey!.JsonField);
    }

    [Theory]
    [InlineData("""{"name": "bad name"}""", "invalid_name", "name")]
    [InlineData("""{"name": ".hidden"}""", "invalid_name", "name")]
    [InlineData("""{"routes": []}""", "route_count", "routes")]
    [InlineData("""{"routes[0].id": "Champion"}""", "invalid_route_id", "routes[0].id")]
    [InlineData("""{"routes[1].id": "champion"}""", "duplicate_route_id", "routes[1].id")]
    [InlineData("""{"routes[0].target": {"model": "income", "alias": "champion", "version": 1}}""", "invalid_target", "routes[0].target")]
    [InlineData("""{"routes[0].target": {"model": "income"}}""", "invalid_target", "routes[0].target")]
    [InlineData("""{"routes[1].target": {"model": "income", "version": 0}}""", "out_of_range", "routes[1].target.version")]
    [InlineData("""{"routes[0].role": "canary"}""", "invalid_role", "routes[0].role")]
    [InlineData("""{"routes[0].weight": 10001}""", "out_of_range", "routes[0].weight")]
    [InlineData("""{"routes[0].weight": -1}""", "out_of_range", "routes[0].weight")]
    [InlineData("""{"routes[0].sample_percent": 50}""", "not_for_role", "routes[0].sample_percent")]
    [InlineData("""{"routes[2].weight": 5}""", "not_for_role", "routes[2].weight")]
    [InlineData("""{"routes[2].sample_percent": 100.5}""", "out_of_range", "routes[2].sample_percent")]
    [InlineData("""{"routes[0].weight": 0, "routes[1].weight": 0}""", "no_primary_weight", "routes")]
    [InlineData("""{"sticky_key": {"header": "bad header"}}""", "invalid_value", "sticky_key.header")]
    [InlineData("""{"limits": {"max_queue": 0}}""", "out_of_range", "limits.max_queue")]
    [InlineData("""{"limits": {"max_queue": 100001}}""", "out_of_range", "limits.max_queue")]
    [InlineData("""{"limits": {"deadline_ms": 600001}}""", "out_of_range", "limits.deadline_ms")]
    [InlineData("""{"limits": {"max_request_bytes": 1023}}""", "out_of_range", "limits.max_request_bytes")]
    [InlineData("""{"limits": {"max_request_bytes": 67108865}}""", "out_of_range", "limits.max_request_bytes")]
    [InlineData("""{"limits": {"max_rows_per_request": 0}}""", "out_of_range", "limits.max_rows_per_request")]
    [InlineData("""{"batching": {"max_batch_size": 4097}}""", "out_of_range", "batching.max_batch_size")]
    [InlineData("""{"batching": {"max_queue_delay_ms": 1001}}""", "out_of_range", "batching.max_queue_delay_ms")]
    [InlineData("""{"batching": {"executors": 65}}""", "out_of_range", "batching.executors")]
    [InlineData("""{"tiers": {"gold": {}}}""", "invalid_value", "tiers.gold")]
    [InlineData("""{"tiers": {"critical": {"max_in_flight_share": 1.5}}}""", "out_of_range", "tiers.critical.max_in_flight_share")]
    [InlineData("""{"log": {"sample_percent": -1}}""", "out_of_range", "log.sample_percent")]
    [InlineData("""{"lifecycle": {"idle_unload_after_seconds": 9}}""", "out_of_range", "lifecycle.idle_unload_after_seconds")]
    [InlineData("""{"lifecycle": {"cold_start": "later"}}""", "invalid_value", "lifecycle.cold_start")]
    public void Each_rule_is_refused_with_its_code_and_field(string change, string code, string field)
    {
        var error = DeploymentValidation.Check(Bind(Edit(Valid, change)));
        Assert.NotNull(error);
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void More_than_32_routes_are_refused()
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body["routes"] = new JsonArray(Enumerable.Range(0, 33)
            .Select(i => (JsonNode)new JsonObject { ["id"] = $"r{i}", ["target"] = new JsonObject { ["model"] = "m", ["version"] = 1 } }).ToArray());
        Assert.Equal("route_count", DeploymentValidation.Check(Bind(body.ToJsonString()))!.Code);
    }

    [Theory]
    [InlineData("""{"name": "x", "routes": [], "replicas": 3}""", "unknown_field", "replicas")]
    [InlineData("""{"name": "x", "routes": [{"id": "a", "target": {"model": "m", "versoin": 1}}]}""", "unknown_field", "routes[0].target.versoin")]
    [InlineData("""{"name": "x", "routes": [{"id": "a", "target": {"model": "m", "version": 1.5}}]}""", "wrong_type", "routes[0].target.version")]
    [InlineData("""{"name": "x", "routes": [{"id": "a", "target": {"model": "m", "version": "1"}}]}""", "wrong_type", "routes[0].target.version")]
    public void Unknown_fields_and_wrong_types_are_refused_with_their_path(string body, string code, string field)
    {
        var parsed = DeploymentBody.FromJson(Encoding.UTF8.GetBytes(body));
        Assert.True(parsed.IsSuccess);
        var bound = DeploymentSpecs.Bind(parsed.Value);
        Assert.False(bound.IsSuccess);
        Assert.Equal((code, field), (bound.Error.Code, bound.Error.Field));
    }

    [Fact]
    public void The_yaml_of_the_spec_reads_as_the_json_form_with_deployment_as_the_name()
    {
        const string Yaml = """
            deployment: income
            sticky_key: { header: X-Slipway-Route-Key, json_field: customer_id }
            routes:
              - { id: champion,   target: { model: income, alias: champion }, weight: 90, role: primary, keep_warm: true }
              - { id: challenger, target: { model: income, version: 9 },      weight: 10, role: primary, keep_warm: true }
              - { id: shadow-v10, target: { model: income, version: 10 },     sample_percent: 25, role: shadow }
            limits:   { max_queue: 512, deadline_ms: 1000 }
            batching: { max_batch_size: 64, max_queue_delay_ms: 0 }
            """;
        var parsed = DeploymentBody.FromYaml(Yaml);
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        var spec = DeploymentSpecs.Bind(parsed.Value);
        Assert.True(spec.IsSuccess, spec.Error?.Message);
        Assert.Null(DeploymentValidation.Check(spec.Value));
        Assert.Equal("income", spec.Value.Name);
        Assert.Equal([null, 9, 10], spec.Value.Routes.Select(r => r.Target.Version));
        Assert.Equal(25, spec.Value.Routes[2].SamplePercent);
        Assert.Equal(512, spec.Value.Limits!.MaxQueue);
    }

    [Theory]
    [InlineData("deployment: a\nname: b\nroutes: []\n", "name_mismatch")]
    [InlineData("- just\n- a list\n", "malformed_deployment")]
    [InlineData("routes: [", "malformed_deployment")]
    public void Yaml_that_is_not_one_deployment_is_refused(string yaml, string code)
    {
        var parsed = DeploymentBody.FromYaml(yaml);
        Assert.False(parsed.IsSuccess);
        Assert.Equal(code, parsed.Error.Code);
    }

    [Fact]
    public void Deeply_nested_yaml_is_refused_before_it_is_built()
    {
        var parsed = DeploymentBody.FromYaml("a: " + new string('[', 10_000));
        Assert.Equal("malformed_deployment", parsed.Error!.Code);
    }

    [Fact]
    public void A_stored_spec_keeps_what_was_given_without_the_name_or_defaults_and_reads_back_equal()
    {
        var spec = Bind("""{"name": "income", "routes": [{"id": "a", "target": {"model": "m", "version": 1}}]}""");
        var stored = DeploymentSpecs.Serialize(spec);
        Assert.Equal("""{"routes":[{"id":"a","target":{"model":"m","version":1}}]}""", stored);
        var back = DeploymentSpecs.Parse(stored, "income");
        Assert.Equal(("income", "a", 1), (back.Name, back.Routes[0].Id, back.Routes[0].Target.Version));
        Assert.Null(back.Routes[0].Weight);
        Assert.Null(back.Limits);
    }

    private static DeploymentSpec Bind(string json)
    {
        var parsed = DeploymentBody.FromJson(Encoding.UTF8.GetBytes(json));
        Assert.True(parsed.IsSuccess, parsed.Error?.Message);
        var bound = DeploymentSpecs.Bind(parsed.Value);
        Assert.True(bound.IsSuccess, bound.Error?.Message);
        return bound.Value;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to <paramref name="json"/>: each key is a top-level field, or
    /// <c>routes[i].field</c> (one level into a route).
    /// </summary>
    internal static string Edit(string json, string change)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            if (key.StartsWith("routes[", StringComparison.Ordinal))
            {
                var index = int.Parse(key[7..key.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                body["routes"]![index]![key[(key.IndexOf("].", StringComparison.Ordinal) + 2)..]] = value?.DeepClone();
            }
            else
            {
                body[key] = value?.DeepClone();
            }
        }

        return body.ToJsonString();
    }
}
