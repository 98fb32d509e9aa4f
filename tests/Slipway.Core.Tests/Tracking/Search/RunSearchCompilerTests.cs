using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class RunSearchCompilerTests
{
    private static CompiledSearch Compile(string? filter, params string[] orderBy)
    {
        var result = RunSearchCompiler.Compile(filter, orderBy);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public void No_filter_and_no_order_give_an_empty_where_and_the_default_order()
    {
        var search = Compile(null);
        Assert.Equal("", search.Where);
        Assert.Equal("r.start_time DESC, r.id ASC", search.OrderBy);
        Assert.Empty(search.Parameters);
    }

    [Fact]
    public void Keys_and_values_are_numbered_parameters_of_clr_types()
    {
        var search = Compile("metrics.rmse < 0.5 and params.model = 'x' and start_time > 5", "params.p DESC");
        Assert.Equal(
            [new("@p0", "rmse"), new("@p1", 0.5), new("@p2", "model"), new("@p3", "x"), new("@p4", 5L), new("@p5", "p")],
            search.Parameters);
        Assert.Contains("EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.id AND m.key = @p0 AND NOT m.is_nan AND m.value < @p1)", search.Where, StringComparison.Ordinal);
        Assert.Contains("r.start_time > @p4", search.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_values_bind_as_doubles_and_timestamps_as_longs_when_whole()
    {
        Assert.Equal(1.0, Compile("metrics.a = 1").Parameters[1].Value);
        Assert.Equal(1500L, Compile("end_time = 1500").Parameters[0].Value);
        Assert.Equal(1500.5, Compile("end_time = 1500.5").Parameters[0].Value);
    }

    [Theory]
    [InlineData("params.a = 'x'' OR 1=1 --'")]
    [InlineData("params.a = 'x OR 1=1 --'")]
    [InlineData("tags.`x'; DROP TABLE runs; --` = 'v'")]
    [InlineData("tags.\"x\"\" OR 1=1\" = 'v'")]
    [InlineData("run_id IN ('a''); DELETE FROM runs; --')")]
    public void No_user_text_ever_reaches_the_sql(string filter)
    {
        var result = RunSearchCompiler.Compile(filter, ["tags.`x' DESC; --`"]);
        if (!result.IsSuccess)
        {
            return;
        }

        var sql = result.Value.Where + " " + result.Value.OrderBy;
        Assert.DoesNotContain("OR 1", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DROP", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DELETE", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("--", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("x'", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Like_patterns_keep_backslashes_literal_on_both_databases()
    {
        var search = Compile(@"params.a LIKE 'a\_b%'");
        Assert.Contains(@"p.value LIKE @p1 ESCAPE '\'", search.Where, StringComparison.Ordinal);
        Assert.Equal(@"a\\_b%", search.Parameters[1].Value);
    }

    [Fact]
    public void Ilike_lowers_both_sides() =>
        Assert.Contains(@"lower(t.value) LIKE lower(@p1) ESCAPE '\'", Compile("tags.a ILIKE 'X%'").Where, StringComparison.Ordinal);

    [Fact]
    public void Tie_breaks_follow_the_given_order_unless_it_names_them()
    {
        Assert.Equal("r.status ASC, r.start_time DESC, r.id ASC", Compile(null, "status").OrderBy);
        Assert.Equal("r.start_time ASC, r.id ASC", Compile(null, "start_time ASC").OrderBy);
        Assert.Equal("r.id DESC, r.start_time DESC", Compile(null, "run_id DESC").OrderBy);
        Assert.Equal("CASE WHEN r.end_time IS NULL THEN 1 ELSE 0 END, r.end_time DESC, r.start_time DESC, r.id ASC", Compile(null, "end_time DESC").OrderBy);
    }

    [Fact]
    public void Errors_from_the_filter_and_the_order_come_back_as_invalid()
    {
        Assert.Equal("filter", RunSearchCompiler.Compile("x OR y", []).Error?.Field);
        Assert.Equal("order_by", RunSearchCompiler.Compile(null, ["metrics.a up"]).Error?.Field);
    }

    [Fact]
    public void Where_and_joins_the_callers_conditions() =>
        Assert.Equal("(r.experiment_id = 0) AND (r.status = @p0)", Compile("status = 'x'").WhereAnd("r.experiment_id = 0"));
}
