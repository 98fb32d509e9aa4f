using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Slipway.Core.Governance.Identity.Passwords;

/// <summary>What checking a password against a stored hash found.</summary>
public enum PasswordVerification
{
    Failed,
    Success,

    /// <summary>The password is right but was hashed with weaker parameters than today's: store a new hash.</summary>
    SuccessRehashNeeded,
}

/// <summary>
/// PBKDF2-HMAC-SHA512 password hashes (governance.md §6.5: at least 210,000 iterations for SHA-512, per OWASP).
/// The stored form names its parameters, <c>pbkdf2-sha512$&lt;iterations&gt;$&lt;salt b64&gt;$&lt;key b64&gt;</c>, so the
/// iteration count can be raised later: old hashes still verify and are re-hashed at the next sign-in.
/// </summary>
public static class PasswordHashing
{
    public const string Algorithm = "pbkdf2-sha512";
    public const int Iterations = 210_000;
    public const int SaltBytes = 16;
    public const int KeyBytes = 32;

    /// <summary>A hash of a random password, verified when the user is unknown so that both cases take as long.</summary>
    private static readonly Lazy<string> Dummy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public static string Hash(string password) => Hash(password, Iterations);

    internal static string Hash(string password, int iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Derive(password, salt, iterations, KeyBytes);
        return string.Join('$', Algorithm, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(key));
    }

    public static PasswordVerification Verify(string password, string? stored)
    {
        if (stored is null || !TryParse(stored, out var iterations, out var salt, out var expected))
        {
            VerifyDummy(password);
            return PasswordVerification.Failed;
        }

        var actual = Derive(password, salt, iterations, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordVerification.Failed;
        }

        return iterations < Iterations || expected.Length != KeyBytes || salt.Length != SaltBytes
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Success;
    }

    /// <summary>Spends the time of one verification and fails; for unknown users and users without a password.</summary>
    public static void VerifyDummy(string password)
    {
        TryParse(Dummy.Value, out var iterations, out var salt, out var expected);
        CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations, expected.Length), expected);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, length);

    private static bool TryParse(string stored, out int iterations, out byte[] salt, out byte[] key)
    {
        iterations = 0;
        salt = key = [];
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            key = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && key.Length >= 16;
    }
}
