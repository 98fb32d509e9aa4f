using Slipway.Core.Tracking.Search;
using Slipway.Tests;

namespace Slipway.Core.Tests.Tracking.Search;

/// <summary>
/// Logged models m-1 (created 100, READY, accuracy 0.95 on train/abc at step 0 and 0.80 on eval/def at step 1),
/// m-2 (300, PENDING, accuracy 0.85 on eval), m-3 (200, READY, accuracy NaN on eval).
/// </summary>
[Collection(SearchDatabaseCollection.Name)]
public sealed class LoggedModelSearchCompilerDatabaseTests(SearchDatabaseFixture database)
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_metric_clause_matches_when_any_value_satisfies_it_and_NaN_never_does(Provider provider)
    {
        Assert.Equal(["m-1"], await IdsAsync(provider, "metrics.accuracy > 0.9"));
        Assert.Equal(["m-2", "m-1"], await IdsAsync(provider, "metrics.accuracy < 0.9"));
        Assert.Empty(await IdsAsync(provider, "metrics.accuracy = 0"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Datasets_restrict_which_metric_points_count(Provider provider)
    {
        Assert.Empty(await IdsAsync(provider, "metrics.accuracy > 0.9", datasets: [new("eval")]));
        Assert.Equal(["m-1"], await IdsAsync(provider, "metrics.accuracy > 0.9", datasets: [new("train", "abc")]));
        Assert.Empty(await IdsAsync(provider, "metrics.accuracy > 0.9", datasets: [new("train", "zzz")]));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Attributes_params_and_tags_filter_models(Provider provider)
    {
        Assert.Equal(["m-3", "m-1"], await IdsAsync(provider, "status = 'LOGGED_MODEL_READY'"));
        Assert.Equal(["m-2", "m-1"], await IdsAsync(provider, "attributes.name IN ('classifier', 'regressor')"));
        Assert.Equal(["m-3"], await IdsAsync(provider, "model_type != 'sklearn'"));
        Assert.Equal(["m-2", "m-3"], await IdsAsync(provider, "creation_time > 150"));
        Assert.Equal(["m-1"], await IdsAsync(provider, "params.depth = '3' and source_run_id = 'r1'"));
        Assert.Equal(["m-2"], await IdsAsync(provider, "tags.stage LIKE 'cand%'"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Ordering_by_a_metric_uses_the_latest_point_with_NaN_then_missing_last(Provider provider)
    {
        // Latest points: m-1 0.80 (step 1), m-2 0.85, m-3 NaN.
        Assert.Equal(["m-2", "m-1", "m-3"], await IdsAsync(provider, null, orderBy: [new("metrics.accuracy", Ascending: false)]));
        Assert.Equal(["m-1", "m-2", "m-3"], await IdsAsync(provider, null, orderBy: [new("metrics.accuracy")]));
        // On train only m-1 has a point: the others are missing and fall back to newest first.
        Assert.Equal(["m-1", "m-2", "m-3"], await IdsAsync(provider, null, orderBy: [new("metrics.accuracy", false, "train", "abc")]));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Default_order_is_newest_first_and_nullable_attributes_sort_last(Provider provider)
    {
        Assert.Equal(["m-2", "m-3", "m-1"], await IdsAsync(provider, null));
        Assert.Equal(["m-1", "m-3", "m-2"], await IdsAsync(provider, null, orderBy: [new("model_type", Ascending: false)]));
    }

    private async Task<IReadOnlyList<string>> IdsAsync(
        Provider provider, string? filter, IReadOnlyList<LoggedModelDataset>? datasets = null, IReadOnlyList<LoggedModelOrderBy>? orderBy = null)
    {
        var search = LoggedModelSearchCompiler.Compile(filter, datasets, orderBy);
        Assert.True(search.IsSuccess, search.Error?.Message);
        return await database.QueryAsync(
            provider, $"SELECT lm.id FROM logged_models lm WHERE {search.Value.WhereAnd("lm.experiment_id = 0")} ORDER BY {search.Value.OrderBy}", search.Value);
    }
}
