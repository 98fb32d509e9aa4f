using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class FilterParserTests
{
    private static SearchFilter Parse(string? filter)
    {
        var result = FilterParser.Parse(filter, RunSearchCompiler.Grammar);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static Comparison Single(string filter) => Assert.Single(Parse(filter).Comparisons);

    private static string Fails(string filter)
    {
        var result = FilterParser.Parse(filter, RunSearchCompiler.Grammar);
        Assert.False(result.IsSuccess, $"'{filter}' parsed");
        Assert.Equal("invalid_parameter_value", result.Error.Code);
        Assert.Equal("filter", result.Error.Field);
        return result.Error.Message;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_filter_has_no_comparisons(string? filter) => Assert.Empty(Parse(filter).Comparisons);

    [Fact]
    public void Clauses_are_joined_by_and_in_any_case()
    {
        var filter = Parse("metrics.rmse < 0.5 and params.model = 'x' AND tags.`my tag` = 'v' aNd attributes.run_id IN ('a1', 'b2')");
        Assert.Equal(
            [
                new Comparison(SearchEntity.Metric, "rmse", Comparator.Less, new SearchValue.Numeric("0.5", 0.5, null)),
                new Comparison(SearchEntity.Param, "model", Comparator.Equal, new SearchValue.Quoted("x")),
                new Comparison(SearchEntity.Tag, "my tag", Comparator.Equal, new SearchValue.Quoted("v")),
            ],
            filter.Comparisons.Take(3));
        var inList = filter.Comparisons[3];
        Assert.Equal((SearchEntity.Attribute, "run_id", Comparator.In), (inList.Entity, inList.Key, inList.Comparator));
        Assert.Equal(["a1", "b2"], Assert.IsType<SearchValue.QuotedList>(inList.Value).Items);
    }

    [Theory]
    [InlineData("metric.a = 1", nameof(SearchEntity.Metric))]
    [InlineData("metrics.a = 1", nameof(SearchEntity.Metric))]
    [InlineData("param.a = 'x'", nameof(SearchEntity.Param))]
    [InlineData("params.a = 'x'", nameof(SearchEntity.Param))]
    [InlineData("parameter.a = 'x'", nameof(SearchEntity.Param))]
    [InlineData("parameters.a = 'x'", nameof(SearchEntity.Param))]
    [InlineData("tag.a = 'x'", nameof(SearchEntity.Tag))]
    [InlineData("tags.a = 'x'", nameof(SearchEntity.Tag))]
    [InlineData("`tags`.a = 'x'", nameof(SearchEntity.Tag))]
    [InlineData("dataset.name = 'x'", nameof(SearchEntity.Dataset))]
    [InlineData("datasets.name = 'x'", nameof(SearchEntity.Dataset))]
    public void Every_prefix_of_the_spec_names_its_entity(string filter, string entity) => Assert.Equal(Enum.Parse<SearchEntity>(entity), Single(filter).Entity);

    [Theory]
    [InlineData("status = 'FINISHED'")]
    [InlineData("attribute.status = 'FINISHED'")]
    [InlineData("attributes.status = 'FINISHED'")]
    [InlineData("attr.status = 'FINISHED'")]
    [InlineData("run.status = 'FINISHED'")]
    [InlineData("`attributes`.`status` = 'FINISHED'")]
    public void Attributes_take_four_prefixes_or_none(string filter) =>
        Assert.Equal(new Comparison(SearchEntity.Attribute, "status", Comparator.Equal, new SearchValue.Quoted("FINISHED")), Single(filter));

    [Theory]
    [InlineData("tags.mlflow.parentRunId = 'x'", "mlflow.parentRunId")]
    [InlineData("tags.`my tag` = 'x'", "my tag")]
    [InlineData("tags.\"my tag\" = 'x'", "my tag")]
    [InlineData("`tags`.`a.b c` = 'x'", "a.b c")]
    [InlineData("tags.`a'b` = 'x'", "a'b")]
    [InlineData("tags.a-b/c:d = 'x'", "a-b/c:d")]
    [InlineData("tags.1st = 'x'", "1st")]
    [InlineData("tags.clé_ü = 'x'", "clé_ü")]
    public void Keys_split_at_the_first_dot_and_may_be_quoted(string filter, string key) => Assert.Equal(key, Single(filter).Key);

    [Theory]
    [InlineData("run_name = 'a'")]
    [InlineData("`run name` = 'a'")]
    [InlineData("attributes.`run name` = 'a'")]
    public void Run_name_has_a_spelling_with_a_space(string filter) => Assert.Equal("run_name", Single(filter).Key);

    [Fact]
    public void Created_is_start_time() => Assert.Equal("start_time", Single("created > 5").Key);

    [Theory]
    [InlineData("metrics.a = 1", 1.0, 1L)]
    [InlineData("metrics.a = -1", -1.0, -1L)]
    [InlineData("metrics.a=-0.25", -0.25, null)]
    [InlineData("metrics.a = .5", 0.5, null)]
    [InlineData("metrics.a = 1.", 1.0, null)]
    [InlineData("metrics.a = 1e3", 1000.0, null)]
    [InlineData("metrics.a = 2.5E-3", 0.0025, null)]
    [InlineData("metrics.a >= 1e+2", 100.0, null)]
    [InlineData("start_time <= 1700000000000", 1700000000000.0, 1700000000000L)]
    public void Numbers_are_integers_decimals_or_exponents(string filter, double value, long? integer)
    {
        var number = Assert.IsType<SearchValue.Numeric>(Single(filter).Value);
        Assert.Equal(value, number.Value);
        Assert.Equal(integer, number.Integer);
    }

    [Theory]
    [InlineData("params.a = 'x'", "x")]
    [InlineData("params.a = \"x\"", "x")]
    [InlineData("params.a = ''", "")]
    [InlineData("params.a = 'say \"hi\"'", "say \"hi\"")]
    [InlineData("params.a = \"it's\"", "it's")]
    [InlineData("params.a = 'a\\b'", "a\\b")]
    [InlineData("params.a = ' and or = ( '", " and or = ( ")]
    public void Strings_take_either_quote_and_only_the_outer_quotes_are_stripped(string filter, string value) =>
        Assert.Equal(new SearchValue.Quoted(value), Single(filter).Value);

    [Theory]
    [InlineData("metrics.a != 1", nameof(Comparator.NotEqual))]
    [InlineData("metrics.a > 1", nameof(Comparator.Greater))]
    [InlineData("metrics.a >= 1", nameof(Comparator.GreaterOrEqual))]
    [InlineData("metrics.a < 1", nameof(Comparator.Less))]
    [InlineData("metrics.a <= 1", nameof(Comparator.LessOrEqual))]
    [InlineData("params.a like 'x'", nameof(Comparator.Like))]
    [InlineData("params.a ILike 'x'", nameof(Comparator.ILike))]
    [InlineData("run_id in ('x')", nameof(Comparator.In))]
    [InlineData("run_id not IN ('x')", nameof(Comparator.NotIn))]
    [InlineData("datasets.context NOT IN ('x', \"y\")", nameof(Comparator.NotIn))]
    public void Comparators_are_case_insensitive(string filter, string comparator) => Assert.Equal(Enum.Parse<Comparator>(comparator), Single(filter).Comparator);

    [Theory]
    [InlineData("metrics.a > 1 OR metrics.b > 1", "'OR'")]
    [InlineData("metrics.a > 1 or metrics.b > 1", "'or'")]
    public void Or_is_an_invalid_clause(string filter, string token)
    {
        var message = Fails(filter);
        Assert.StartsWith("Invalid clause(s)", message, StringComparison.Ordinal);
        Assert.Contains(token, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("foo.a = 'x'", "'foo'")]
    [InlineData("Metrics.a = 1", "'Metrics'")]
    [InlineData("`my tags`.a = 'x'", "'my tags'")]
    public void An_unknown_prefix_names_it_and_lists_the_valid_ones(string filter, string token)
    {
        var message = Fails(filter);
        Assert.Contains(token, message, StringComparison.Ordinal);
        Assert.Contains("metrics", message, StringComparison.Ordinal);
        Assert.Contains("params", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rmse < 1", "'rmse'", "run_id")]
    [InlineData("attributes.experiment_id = '1'", "'experiment_id'", "start_time")]
    [InlineData("datasets.source = 'x'", "'source'", "context")]
    public void An_unknown_attribute_or_dataset_key_lists_the_valid_keys(string filter, string token, string listed)
    {
        var message = Fails(filter);
        Assert.Contains(token, message, StringComparison.Ordinal);
        Assert.Contains(listed, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("metrics.a < '0.5'", "unquoted number")]
    [InlineData("metrics.a < abc", "unquoted number")]
    [InlineData("start_time > '5'", "unquoted number")]
    [InlineData("metrics.a = NaN", "unquoted number")]
    [InlineData("metrics.a = 1.2.3", "unquoted number")]
    [InlineData("params.a = 1", "quotes")]
    [InlineData("tags.a = x", "quotes")]
    [InlineData("status = FINISHED", "quotes")]
    [InlineData("params.a = ('x')", "quotes")]
    public void A_value_of_the_wrong_type_is_rejected(string filter, string allowed) => Assert.Contains(allowed, Fails(filter), StringComparison.Ordinal);

    [Theory]
    [InlineData("metrics.a LIKE 1", "'LIKE'")]
    [InlineData("params.a > 'x'", "'>'")]
    [InlineData("tags.a IN ('x')", "'IN'")]
    [InlineData("run_name IN ('x')", "'IN'")]
    [InlineData("status NOT IN ('x')", "'NOT IN'")]
    [InlineData("start_time ILIKE 'x'", "'ILIKE'")]
    [InlineData("metrics.a == 1", "'=='")]
    [InlineData("metrics.a <> 1", "'<>'")]
    [InlineData("params.a NOT LIKE 'x'", "'NOT LIKE'")]
    [InlineData("params.a 'x'", "''x''")]
    public void A_comparator_the_entity_does_not_take_is_rejected_with_the_allowed_ones(string filter, string token)
    {
        var message = Fails(filter);
        Assert.Contains(token, message, StringComparison.Ordinal);
        Assert.Contains("allowed", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("params.a = 'x", "unterminated quote '")]
    [InlineData("params.a = \"x", "unterminated quote \"")]
    [InlineData("tags.`a = 'x'", "unterminated quote `")]
    public void An_unterminated_quote_is_rejected(string filter, string message) => Assert.Contains(message, Fails(filter), StringComparison.Ordinal);

    [Theory]
    [InlineData("run_id IN 'a'", "parenthesised list")]
    [InlineData("run_id IN ()", "quoted strings only")]
    [InlineData("run_id IN ('a',)", "quoted strings only")]
    [InlineData("run_id IN ('a' 'b')", "expected ',' or ')'")]
    [InlineData("run_id IN ('a', 1)", "quoted strings only")]
    [InlineData("run_id IN ('a'", "expected ',' or ')'")]
    [InlineData("run_id IN (a)", "quoted strings only")]
    public void A_bad_in_list_is_rejected(string filter, string message) => Assert.Contains(message, Fails(filter), StringComparison.Ordinal);

    [Theory]
    [InlineData("metrics.a > 1 metrics.b > 1", "'metrics.b'")]
    [InlineData("metrics.a > 1 and", "after the final AND")]
    [InlineData("metrics.a > 1 ;", "';'")]
    [InlineData("params.a = 'x' 'y'", "''y''")]
    [InlineData("(metrics.a > 1)", "'('")]
    [InlineData("metrics.a > 1 and and metrics.b > 1", "'and'")]
    [InlineData("metrics.a >", "the end of the string")]
    [InlineData("metrics. = 1", "no key")]
    [InlineData("metrics.`` = 1", "no key")]
    [InlineData("tags. `a` = 'x'", "no key")]
    public void Trailing_garbage_and_broken_clauses_are_rejected_naming_the_token(string filter, string token) =>
        Assert.Contains(token, Fails(filter), StringComparison.Ordinal);

    [Fact]
    public void A_doubled_quote_does_not_escape_so_an_injected_or_is_garbage_after_the_value() =>
        Assert.Contains("' OR 1=1 --'", Fails("params.a = 'x'' OR 1=1 --'"), StringComparison.Ordinal);

    [Fact]
    public void Sql_text_inside_quotes_is_only_a_value()
    {
        var comparison = Single("params.a = 'x\" OR 1=1; DROP TABLE runs; --'");
        Assert.Equal(new SearchValue.Quoted("x\" OR 1=1; DROP TABLE runs; --"), comparison.Value);
    }
}
