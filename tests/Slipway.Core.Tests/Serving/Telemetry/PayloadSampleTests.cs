using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Tests.Serving.Telemetry;

public sealed class PayloadSampleTests
{
    [Fact]
    public void Zero_percent_keeps_no_payload_and_a_hundred_keeps_all()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => Guid.CreateVersion7().ToString()).ToList();
        Assert.DoesNotContain(ids, id => PayloadSample.Includes(id, 0));
        Assert.All(ids, id => Assert.True(PayloadSample.Includes(id, 100)));
    }

    [Fact]
    public void The_same_prediction_id_gets_the_same_answer_and_shares_follow_the_percentage()
    {
        var ids = Enumerable.Range(0, 20_000).Select(i => $"01956f3c-8c2e-7b4e-9f10-{i:D12}").ToList();
        var first = ids.Select(id => PayloadSample.Includes(id, 25)).ToList();
        var second = ids.Select(id => PayloadSample.Includes(id, 25)).ToList();

        Assert.Equal(first, second);
        var share = first.Count(x => x) / (double)ids.Count;
        Assert.InRange(share, 0.23, 0.27);
    }
}
