using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>Checks of the free-text fields of a user.</summary>
internal static class UserFields
{
    public const int DisplayNameLength = 256;
    public const int EmailLength = 320;

    public static Error? Validate(string? displayName, string? email)
    {
        if (displayName is not null && (displayName.Length > DisplayNameLength || displayName.Any(char.IsControl)))
        {
            return Error.Invalid($"display_name must be at most {DisplayNameLength} characters without control characters.", "display_name");
        }

        if (email is not null && (email.Length > EmailLength || email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            || email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.EndsWith('@')))
        {
            return Error.Invalid($"email must be an address like name@example.com, at most {EmailLength} characters.", "email");
        }

        return null;
    }
}
