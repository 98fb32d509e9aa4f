using Slipway.Cli.Commands.Tokens;

namespace Slipway.Client.Tests.Cli.Commands.Tokens;

public sealed class LifetimeTests
{
    [Theory]
    [InlineData("45s", 45)]
    [InlineData("90m", 90 * 60)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("30d", 30 * 86400)]
    [InlineData("2W", 14 * 86400)]
    public void A_count_and_a_unit_is_a_lifetime(string text, long seconds)
    {
        Assert.True(Lifetime.TryParse(text, out var lifetime));
        Assert.Equal(TimeSpan.FromSeconds(seconds), lifetime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("30")]
    [InlineData("1.5d")]
    [InlineData("+3d")]
    [InlineData("99999999999999999w")]
    public void Anything_else_is_refused(string text)
    {
        Assert.False(Lifetime.TryParse(text, out _));
    }
}
