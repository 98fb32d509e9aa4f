using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Passwords;

/// <summary>
/// NIST SP 800-63B rev 4 (governance.md §6.5): no composition rules and no forced rotation, but a minimum length, a
/// generous maximum, and a blocklist of common and breached passwords and of context words (the user's own name).
/// The minimum is 12 for everyone: a Slipway password signs in alone only for users who hold neither admin nor
/// approve rights, and those with MFA use it as one of two factors.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    public const string TooShortCode = "password_too_short";
    public const string TooLongCode = "password_too_long";
    public const string CommonCode = "password_too_common";
    public const string ContainsUserNameCode = "password_contains_user_name";

    private static readonly Lazy<FrozenSet<string>> Blocklist = new(Load);

    /// <summary>The broken rule as an <see cref="ErrorKind.Invalid"/> error on <paramref name="field"/>, or null when the password is acceptable.</summary>
    public static Error? Check(string? password, string userName, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            return Error.MissingField(field);
        }

        // Length in Unicode code points, as NIST counts it.
        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return new Error(ErrorKind.Invalid, TooShortCode, $"The password must be at least {MinLength} characters long.", field);
        }

        if (length > MaxLength)
        {
            return new Error(ErrorKind.Invalid, TooLongCode, $"The password must be at most {MaxLength} characters long.", field);
        }

        if (Blocklist.Value.Contains(password.Trim()))
        {
            return new Error(ErrorKind.Invalid, CommonCode, "The password is on the list of common or breached passwords; choose a longer, less predictable one (a passphrase works well).", field);
        }

        if (userName.Length >= 3 && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return new Error(ErrorKind.Invalid, ContainsUserNameCode, "The password must not contain the user name.", field);
        }

        return null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Slipway.Core.Governance.Identity.Passwords.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line);
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
