using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class ExperimentSearchCompilerTests
{
    [Theory]
    [InlineData("metrics.a > 1", "'metrics'")]
    [InlineData("params.a = 'x'", "'params'")]
    [InlineData("experiment_id = '1'", "'experiment_id'")]
    [InlineData("creation_time = '1'", "unquoted number")]
    [InlineData("name IN ('a')", "'IN'")]
    [InlineData("tags.a > 'x'", "'>'")]
    public void Filters_outside_the_experiment_grammar_are_rejected(string filter, string token) =>
        Assert.Contains(token, ExperimentSearchCompiler.Compile(filter, []).Error?.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("tags.a")]
    [InlineData("run_id")]
    [InlineData("name sideways")]
    public void Order_by_takes_only_experiment_attributes(string orderBy) =>
        Assert.Equal("order_by", ExperimentSearchCompiler.Compile(null, [orderBy]).Error?.Field);

    [Fact]
    public void The_default_order_is_newest_first_then_by_id() =>
        Assert.Equal("e.creation_time DESC, e.id ASC", ExperimentSearchCompiler.Compile(null, []).Value!.OrderBy);

    [Fact]
    public void Tags_compile_to_exists_on_experiment_tags() =>
        Assert.Equal(
            "EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.id AND t.key = @p0 AND t.value = @p1)",
            ExperimentSearchCompiler.Compile("tags.owner = 'ann'", []).Value!.Where);
}
