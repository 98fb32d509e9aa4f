using Slipway.Core.Tracking.Search;
using Slipway.Tests;

namespace Slipway.Core.Tests.Tracking.Search;

/// <summary>Experiments 101 exp-a (created 100, tag owner=ann), 102 exp-b (200, owner=bob), 103 other (200); Default is left out.</summary>
[Collection(SearchDatabaseCollection.Name)]
public sealed class ExperimentSearchCompilerDatabaseTests(SearchDatabaseFixture database)
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Name_tag_and_time_filters_select_experiments(Provider provider)
    {
        Assert.Equal(["102", "101"], await IdsAsync(provider, "name LIKE 'exp-%'"));
        Assert.Equal(["101"], await IdsAsync(provider, "tags.owner = 'ann'"));
        Assert.Equal(["102"], await IdsAsync(provider, "tag.owner != 'ann'"));
        Assert.Equal(["102", "103"], await IdsAsync(provider, "attributes.creation_time >= 150 and last_update_time < 400"));
        Assert.Equal(["101"], await IdsAsync(provider, "name ILIKE 'EXP-A'"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Default_order_is_newest_first_then_by_id(Provider provider) =>
        Assert.Equal(["102", "103", "101"], await IdsAsync(provider, null));

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Order_by_keys_get_the_experiment_id_tie_break(Provider provider)
    {
        Assert.Equal(["101", "102", "103"], await IdsAsync(provider, null, "name"));
        Assert.Equal(["103", "102", "101"], await IdsAsync(provider, null, "last_update_time ASC"));
        Assert.Equal(["103", "102", "101"], await IdsAsync(provider, null, "creation_time DESC", "experiment_id DESC"));
    }

    private async Task<IReadOnlyList<string>> IdsAsync(Provider provider, string? filter, params string[] orderBy)
    {
        var search = ExperimentSearchCompiler.Compile(filter, orderBy);
        Assert.True(search.IsSuccess, search.Error?.Message);
        return await database.QueryAsync(
            provider, $"SELECT e.id FROM experiments e WHERE {search.Value.WhereAnd("e.id <> 0")} ORDER BY {search.Value.OrderBy}", search.Value);
    }
}
