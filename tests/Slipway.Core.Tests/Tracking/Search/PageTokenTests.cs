using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tests.Tracking.Search;

public sealed class PageTokenTests
{
    private static readonly string Query = PageToken.Fingerprint("metrics.a > 1", "start_time DESC", "0,1", "ACTIVE_ONLY");

    [Fact]
    public void A_token_round_trips_its_offset_for_the_same_query()
    {
        var token = PageToken.Encode(2000, Query);
        Assert.DoesNotContain('=', token);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.Equal(2000, PageToken.Decode(token, Query).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_token_is_the_first_page(string? token) => Assert.Equal(0, PageToken.Decode(token, Query).Value);

    [Fact]
    public void A_token_from_another_query_is_rejected()
    {
        var token = PageToken.Encode(1000, Query);
        var other = PageToken.Fingerprint("metrics.a > 2", "start_time DESC", "0,1", "ACTIVE_ONLY");
        var result = PageToken.Decode(token, other);
        Assert.False(result.IsSuccess);
        Assert.Equal("Invalid page token", result.Error.Message);
        Assert.Equal("page_token", result.Error.Field);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJvZmZzZXQiOjEwMDB9")]
    [InlineData("bm90IGpzb24")]
    [InlineData("eyJvZmZzZXQiOi01LCJxdWVyeSI6IngifQ")]
    public void A_malformed_token_is_rejected(string token) => Assert.Equal("Invalid page token", PageToken.Decode(token, Query).Error?.Message);

    [Fact]
    public void Fingerprints_separate_parts_and_nulls()
    {
        Assert.NotEqual(PageToken.Fingerprint("ab", "c"), PageToken.Fingerprint("a", "bc"));
        Assert.NotEqual(PageToken.Fingerprint(null, "x"), PageToken.Fingerprint("", "x"));
        Assert.Equal(PageToken.Fingerprint("a", null), PageToken.Fingerprint("a", null));
    }
}
