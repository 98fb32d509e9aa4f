using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class MaxResultsTests
{
    [Fact]
    public void Absent_takes_the_default()
    {
        Assert.Equal(1000, MaxResults.ForRuns(null).Value);
        Assert.Equal(1000, MaxResults.ForExperiments(null).Value);
        Assert.Equal(100, MaxResults.ForLoggedModels(null).Value);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void Zero_or_less_is_rejected(long requested)
    {
        foreach (var result in new[] { MaxResults.ForRuns(requested), MaxResults.ForExperiments(requested), MaxResults.ForLoggedModels(requested) })
        {
            Assert.Equal("max_results", result.Error?.Field);
            Assert.Contains("positive integer", result.Error?.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Runs_and_experiments_refuse_more_than_50000()
    {
        Assert.Equal(50_000, MaxResults.ForRuns(50_000).Value);
        Assert.Contains("at most 50000", MaxResults.ForRuns(50_001).Error?.Message, StringComparison.Ordinal);
        Assert.Contains("at most 50000", MaxResults.ForExperiments(long.MaxValue).Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logged_model_pages_are_clamped_to_1000() => Assert.Equal(1000, MaxResults.ForLoggedModels(1_000_000).Value);
}
