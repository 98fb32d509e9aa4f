using System.Net;
using Slipway.Client.Tests.Support;
using Slipway.Contracts.Tracking;

namespace Slipway.Client.Tests.Client;

public sealed class ExperimentsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_created_experiment_is_returned_by_get_with_its_tags()
    {
        var name = "sdk-" + Guid.NewGuid().ToString("N");
        var created = await fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest(name, new Dictionary<string, string> { ["team"] = "risk" }));

        var fetched = await fixture.Client.Experiments.GetAsync(created.Id);

        Assert.Equal(name, fetched.Name);
        Assert.Equal("active", fetched.LifecycleStage);
        Assert.Equal($"mlflow-artifacts:/{created.Id}", fetched.ArtifactLocation);
        Assert.Equal("risk", fetched.Tags["team"]);
    }

    [Fact]
    public async Task Listing_follows_the_cursor_through_every_page_without_repeats()
    {
        var prefix = "page-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest($"{prefix}-{i}"));
        }

        var seen = new List<string>();
        var query = new ExperimentQuery { Filter = $"name LIKE '{prefix}%'", Limit = 2 };
        var pages = 0;
        do
        {
            var page = await fixture.Client.Experiments.ListAsync(query);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(e => e.Name));
            query = query with { Cursor = page.NextCursor };
            pages++;
        }
        while (query.Cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}").Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_name_is_a_409_with_the_stable_code()
    {
        var name = "dup-" + Guid.NewGuid().ToString("N");
        await fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest(name));

        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Experiments.CreateAsync(new CreateExperimentRequest(name)));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal("resource_already_exists", error.Code);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404()
    {
        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Experiments.GetAsync("987654"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("resource_does_not_exist", error.Code);
    }

    [Fact]
    public async Task An_invalid_filter_is_a_400_that_says_what_is_wrong()
    {
        var error = await Assert.ThrowsAsync<SlipwayApiException>(() =>
            fixture.Client.Experiments.ListAsync(new ExperimentQuery { Filter = "colour = 'red'" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("colour", error.Message, StringComparison.Ordinal);
    }
}
