using System.Security.Cryptography;
using System.Text;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>
/// Single-use recovery codes (governance.md §6.6): 10 per set, each 13 base32 characters (65 bits) shown as
/// <c>xxxxx-xxxx-xxxx</c>. Only the SHA-256 of the normalized code is stored; hyphens, spaces and case do not matter.
/// </summary>
public static class RecoveryCodes
{
    public const int Count = 10;
    public const int Length = 13;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static List<string> Generate()
    {
        var codes = new List<string>(Count);
        for (var i = 0; i < Count; i++)
        {
            var chars = new char[Length];
            for (var j = 0; j < Length; j++)
            {
                chars[j] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }

            var code = new string(chars);
            codes.Add($"{code[..5]}-{code[5..9]}-{code[9..]}");
        }

        return codes;
    }

    public static string Hash(string code)
    {
        var normalized = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (c is not ('-' or ' '))
            {
                normalized.Append(char.ToLowerInvariant(c));
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized.ToString())));
    }
}
