using Microsoft.AspNetCore.DataProtection;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// Encrypts webhook signing secrets for storage with ASP.NET Core Data Protection. The key ring lives in the
/// database (<c>data_protection_keys</c>), so every replica can read what another wrote (governance.md §6.5).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Slipway.Registry.Webhooks.Secret.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);
}
