namespace Slipway.Core.Tests.Governance.Oidc;

/// <summary>One oidc-provider process for a test class.</summary>
public sealed class IdentityProviderFixture : IAsyncLifetime
{
    public TestIdentityProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() => Provider = await TestIdentityProvider.StartAsync();

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}
