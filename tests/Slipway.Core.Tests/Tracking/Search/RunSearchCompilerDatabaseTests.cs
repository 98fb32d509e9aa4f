using Slipway.Core.Tracking.Search;
using Slipway.Tests;

namespace Slipway.Core.Tests.Tracking.Search;

/// <summary>Compiled run searches over the rows of <see cref="SearchSeed"/>; each expected list holds on SQLite and PostgreSQL alike.</summary>
[Collection(SearchDatabaseCollection.Name)]
public sealed class RunSearchCompilerDatabaseTests(SearchDatabaseFixture database)
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_metric_and_a_param_clause_must_both_hold(Provider provider) =>
        Assert.Equal(["r1"], await database.RunIdsAsync(provider, "metrics.rmse < 0.5 and params.model = 'x'"));

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_NaN_metric_never_matches_although_it_is_stored_as_zero(Provider provider)
    {
        Assert.Equal(["r6", "r4", "r1"], await database.RunIdsAsync(provider, "metrics.rmse < 0.5"));
        Assert.Empty(await database.RunIdsAsync(provider, "metrics.rmse = 0"));
        Assert.Equal(["r6", "r4", "r2"], await database.RunIdsAsync(provider, "metrics.rmse != 0.3"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Not_equal_skips_runs_that_lack_the_key(Provider provider)
    {
        Assert.Equal(["r6", "r3", "r4"], await database.RunIdsAsync(provider, "params.model != 'x'"));
        Assert.Equal(["r3"], await database.RunIdsAsync(provider, "tags.team != 'Vision' AND tags.team != 'vision'"));
        Assert.Equal(["r6", "r2", "r5"], await database.RunIdsAsync(provider, "attributes.user_id != 'ann'"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Like_is_case_sensitive_and_ilike_is_not(Provider provider)
    {
        Assert.Equal(["r6", "r2", "r1"], await database.RunIdsAsync(provider, "params.model LIKE 'x%'"));
        Assert.Equal(["r6", "r4", "r2", "r1"], await database.RunIdsAsync(provider, "params.model ILIKE 'x%'"));
        Assert.Equal(["r2"], await database.RunIdsAsync(provider, "tags.team = 'vision'"));
        Assert.Equal(["r2", "r1"], await database.RunIdsAsync(provider, "tags.team ILIKE 'VISION'"));
        Assert.Empty(await database.RunIdsAsync(provider, "tags.team LIKE 'VISION'"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Like_has_no_escape_character_on_either_database(Provider provider)
    {
        Assert.Equal(["r5"], await database.RunIdsAsync(provider, @"tags.path LIKE 'a\b'"));
        Assert.Equal(["r6", "r1", "r5"], await database.RunIdsAsync(provider, "tags.path LIKE 'a_b'"));
        Assert.Equal(["r5"], await database.RunIdsAsync(provider, @"tags.path ILIKE 'A\B'"));
        // A trailing backslash would be an error on PostgreSQL if it were an escape character.
        Assert.Empty(await database.RunIdsAsync(provider, @"tags.path LIKE 'a\'"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Run_ids_match_in_and_not_in_lists_case_sensitively(Provider provider)
    {
        Assert.Equal(["r3", "r1"], await database.RunIdsAsync(provider, "attributes.run_id IN ('r1', 'r3')"));
        Assert.Empty(await database.RunIdsAsync(provider, "run_id IN ('R1')"));
        Assert.Equal(["r6", "r4", "r2", "r5"], await database.RunIdsAsync(provider, "attr.run_id NOT IN ('r1','r3')"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Run_name_is_compared_through_the_run_name_tag(Provider provider)
    {
        Assert.Equal(["r3"], await database.RunIdsAsync(provider, "run_name = 'gamma'"));
        Assert.Equal(["r3"], await database.RunIdsAsync(provider, "attributes.run_name ILIKE 'GAMMA'"));
        Assert.Equal(["r6", "r4", "r2"], await database.RunIdsAsync(provider, "`run name` LIKE '%ta'"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Numeric_attributes_compare_as_numbers(Provider provider)
    {
        Assert.Equal(["r6", "r4", "r1"], await database.RunIdsAsync(provider, "end_time > 1000"));
        Assert.Equal(["r5"], await database.RunIdsAsync(provider, "created < 1000"));
        Assert.Equal(["r3", "r4"], await database.RunIdsAsync(provider, "attributes.start_time = 3e3"));
        Assert.Equal(["r6", "r4", "r1"], await database.RunIdsAsync(provider, "status = 'FINISHED' and start_time >= 999.5"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Datasets_match_by_name_digest_and_context(Provider provider)
    {
        Assert.Equal(["r2", "r1"], await database.RunIdsAsync(provider, "datasets.name = 'train'"));
        Assert.Equal(["r2"], await database.RunIdsAsync(provider, "dataset.context = 'eval'"));
        Assert.Equal(["r3", "r2"], await database.RunIdsAsync(provider, "datasets.digest IN ('def')"));
        Assert.Equal(["r3", "r2"], await database.RunIdsAsync(provider, "datasets.name != 'train'"));
        Assert.Equal(["r2"], await database.RunIdsAsync(provider, "datasets.context != 'training'"));
        Assert.Equal(["r2", "r1"], await database.RunIdsAsync(provider, "datasets.context NOT IN ('eval')"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Quoted_keys_reach_the_database_as_parameters(Provider provider)
    {
        Assert.Equal(["r1"], await database.RunIdsAsync(provider, "tags.`my tag` = 'v'"));
        Assert.Equal(["r1"], await database.RunIdsAsync(provider, "tags.\"my tag\" = \"v\""));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Injection_attempts_match_nothing_and_change_nothing(Provider provider)
    {
        Assert.Empty(await database.RunIdsAsync(provider, "params.model = 'x OR 1=1 --'"));
        Assert.Empty(await database.RunIdsAsync(provider, "tags.`x'; DROP TABLE runs; --` = 'v'"));
        Assert.Equal(6, (await database.RunIdsAsync(provider, null)).Count);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Without_order_by_runs_come_newest_first_then_by_id(Provider provider) =>
        Assert.Equal(["r6", "r3", "r4", "r2", "r1", "r5"], await database.RunIdsAsync(provider, null));

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Ordering_by_a_metric_puts_NaN_after_numbers_and_missing_last_in_both_directions(Provider provider)
    {
        Assert.Equal(["r2", "r6", "r1", "r4", "r3", "r5"], await database.RunIdsAsync(provider, null, "metrics.rmse DESC"));
        Assert.Equal(["r4", "r1", "r6", "r2", "r3", "r5"], await database.RunIdsAsync(provider, null, "metrics.rmse"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Ordering_by_a_param_puts_missing_last_and_breaks_ties_by_start_time_then_id(Provider provider)
    {
        Assert.Equal(["r3", "r1", "r6", "r2", "r4", "r5"], await database.RunIdsAsync(provider, null, "params.opt asc"));
        Assert.Equal(["r2", "r6", "r3", "r1", "r4", "r5"], await database.RunIdsAsync(provider, null, "params.opt DESC"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Ordering_by_nullable_attributes_puts_nulls_last_in_both_directions(Provider provider)
    {
        Assert.Equal(["r6", "r4", "r1", "r5", "r3", "r2"], await database.RunIdsAsync(provider, null, "end_time DESC"));
        Assert.Equal(["r5", "r1", "r4", "r6", "r3", "r2"], await database.RunIdsAsync(provider, null, "attributes.end_time ASC"));
        Assert.Equal(["r3", "r1", "r2", "r5", "r6", "r4"], await database.RunIdsAsync(provider, null, "user_id"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Ordering_by_start_time_or_run_id_replaces_that_tie_break(Provider provider)
    {
        Assert.Equal(["r5", "r1", "r2", "r3", "r4", "r6"], await database.RunIdsAsync(provider, null, "created ASC"));
        Assert.Equal(["r3", "r5", "r1", "r4", "r6", "r2"], await database.RunIdsAsync(provider, null, "status DESC", "run_id"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Ordering_by_tag_and_filter_share_parameters_without_clashes(Provider provider) =>
        Assert.Equal(["r1", "r3", "r2"], await database.RunIdsAsync(provider, "params.model LIKE '%' and tags.team != 'x'", "tags.path", "run_name DESC"));
}
