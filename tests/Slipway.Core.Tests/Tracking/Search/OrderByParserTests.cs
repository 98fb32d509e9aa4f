using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class OrderByParserTests
{
    private static IReadOnlyList<OrderByTerm> Parse(params string[] orderBy)
    {
        var result = OrderByParser.Parse(orderBy, RunSearchCompiler.Grammar);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static string Fails(params string[] orderBy)
    {
        var result = OrderByParser.Parse(orderBy, RunSearchCompiler.Grammar);
        Assert.False(result.IsSuccess);
        Assert.Equal("order_by", result.Error.Field);
        return result.Error.Message;
    }

    [Fact]
    public void Items_are_ascending_by_default_and_directions_ignore_case() =>
        Assert.Equal(
            [
                new OrderByTerm(SearchEntity.Metric, "acc", false),
                new OrderByTerm(SearchEntity.Attribute, "start_time", true),
                new OrderByTerm(SearchEntity.Param, "my param", true),
                new OrderByTerm(SearchEntity.Tag, "mlflow.user", false),
                new OrderByTerm(SearchEntity.Attribute, "run_name", true),
            ],
            Parse("metrics.acc DESC", "created", "params.`my param` asc", "tags.mlflow.user desc", "attributes.`run name`"));

    [Theory]
    [InlineData("metrics.a sideways", "'sideways'")]
    [InlineData("metrics.a DESC ASC", "'ASC'")]
    [InlineData("experiment_id", "'experiment_id'")]
    [InlineData("datasets.name", "'datasets.name'")]
    [InlineData("foo.bar", "'foo'")]
    [InlineData("", "empty")]
    [InlineData("metrics.`a", "unterminated")]
    public void A_bad_key_or_direction_is_rejected(string item, string token) => Assert.Contains(token, Fails(item), StringComparison.Ordinal);

    [Theory]
    [InlineData("metrics.a", "metrics.a DESC")]
    [InlineData("start_time", "created DESC")]
    [InlineData("run_name", "`run name`")]
    public void The_same_field_twice_is_rejected(string first, string second) =>
        Assert.Contains("more than once", Fails(first, second), StringComparison.Ordinal);

    [Fact]
    public void A_metric_and_a_param_with_the_same_key_are_different_fields() => Assert.Equal(2, Parse("metrics.a", "params.a").Count);
}
