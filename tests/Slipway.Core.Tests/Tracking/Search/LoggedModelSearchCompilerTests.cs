using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class LoggedModelSearchCompilerTests
{
    [Theory]
    [InlineData("attribute.name = 'x'", "'attribute'")]
    [InlineData("metric.a > 1", "'metric'")]
    [InlineData("datasets.name = 'x'", "'datasets'")]
    [InlineData("run_id = 'x'", "'run_id'")]
    [InlineData("metrics.a LIKE 'x'", "'LIKE'")]
    [InlineData("params.a IN ('x')", "'IN'")]
    public void Filters_outside_the_logged_model_grammar_are_rejected(string filter, string token) =>
        Assert.Contains(token, LoggedModelSearchCompiler.Compile(filter, null, null).Error?.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("params.a")]
    [InlineData("metrics.")]
    [InlineData("")]
    [InlineData("bogus")]
    public void Order_by_takes_attributes_and_metrics_only(string field) =>
        Assert.Equal("order_by", LoggedModelSearchCompiler.Compile(null, null, [new(field)]).Error?.Field);

    [Fact]
    public void Status_and_ids_take_in_lists() =>
        Assert.Equal("lm.status IN (@p0, @p1) AND lm.id NOT IN (@p2)",
            LoggedModelSearchCompiler.Compile("status IN ('LOGGED_MODEL_READY', 'LOGGED_MODEL_PENDING') and model_id NOT IN ('m-1')", null, null).Value!.Where);

    [Fact]
    public void The_default_order_is_newest_first_then_by_id() =>
        Assert.Equal("lm.creation_timestamp DESC, lm.id ASC", LoggedModelSearchCompiler.Compile(null, null, null).Value!.OrderBy);
}
