using System.Security.Cryptography;
using System.Text;

namespace Slipway.Core.Governance;

/// <summary>
/// Tokens look like <c>slw_</c> + 40 base62 characters of randomness + a 6-character checksum, so that a
/// scanner can recognise a leaked Slipway token and a typo is caught before any database lookup.
/// </summary>
public static class TokenFormat
{
    public const string Prefix = "slw_";
    private const int RandomLength = 40;
    private const int ChecksumLength = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate()
    {
        var random = RandomNumberGenerator.GetString(Alphabet, RandomLength);
        return Prefix + random + Checksum(random);
    }

    public static bool IsWellFormed(string token) =>
        token.Length == Prefix.Length + RandomLength + ChecksumLength
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length + RandomLength).SequenceEqual(Checksum(token.Substring(Prefix.Length, RandomLength)));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>What listings show of a token: its prefix and first characters, never enough to use it.</summary>
    public static string DisplayPrefix(string token) => token[..(Prefix.Length + 6)];

    private static string Checksum(string random)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(random));
        var chars = new char[ChecksumLength];
        for (var i = 0; i < ChecksumLength; i++)
        {
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(chars);
    }
}
