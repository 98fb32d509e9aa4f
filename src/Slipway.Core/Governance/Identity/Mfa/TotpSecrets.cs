using Microsoft.AspNetCore.DataProtection;
using OtpNet;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>
/// TOTP secrets (governance.md §6.6): 160 random bits, shown once in base32 and stored encrypted with ASP.NET Core
/// Data Protection, whose key ring lives in the database so that every replica can verify codes.
/// </summary>
public sealed class TotpSecrets(IDataProtectionProvider provider)
{
    public const int SecretBytes = 20;
    public const string Issuer = "Slipway";

    private readonly IDataProtector protector = provider.CreateProtector("Slipway.Totp");

    /// <summary>A new secret in base32 (RFC 4648, no padding), as authenticator apps take it.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes)).TrimEnd('=');

    public string Protect(string base32Secret) => protector.Protect(base32Secret);

    public byte[] Unprotect(string protectedSecret) => Base32Encoding.ToBytes(protector.Unprotect(protectedSecret));

    /// <summary>The enrolment URI (Google Authenticator's key URI format): SHA-1, 6 digits, 30 s.</summary>
    public static string Uri(string userName, string base32Secret) =>
        $"otpauth://totp/{Issuer}:{System.Uri.EscapeDataString(userName)}?secret={base32Secret}&issuer={Issuer}";
}
