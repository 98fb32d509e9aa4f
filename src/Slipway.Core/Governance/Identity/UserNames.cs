using System.Text;
using System.Text.RegularExpressions;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity;

/// <summary>
/// User, service-account and group names: 1 to 100 characters of <c>[A-Za-z0-9._@-]</c>, starting with a letter or
/// digit. Uniqueness is by the NFC, lower-case form, so <c>Alice</c> and <c>alice</c> are one name.
/// </summary>
public static partial class UserNames
{
    public const string Me = "me";

    public static Error? Validate(string? name, string field = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error.MissingField(field);
        }

        if (name.Length > User.NameLength)
        {
            return Error.Invalid($"A name must be at most {User.NameLength} characters.", field);
        }

        if (name.Equals(Me, StringComparison.OrdinalIgnoreCase))
        {
            return Error.Invalid($"'{Me}' is reserved: /api/v1/users/me addresses the caller.", field);
        }

        return Pattern().IsMatch(name)
            ? null
            : Error.Invalid("A name must start with a letter or digit and hold only letters, digits, '.', '_', '@' and '-'.", field);
    }

    public static string Normalize(string name) => name.Normalize(NormalizationForm.FormC).ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
