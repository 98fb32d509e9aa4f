using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>The wire names of permission levels (MLflow's: READ, USE, EDIT, MANAGE), read case-insensitively.</summary>
public static class PermissionLevels
{
    public const string Names = "READ, USE, EDIT or MANAGE";

    public static string Name(Permission level) => level switch
    {
        Permission.Read => "READ",
        Permission.Use => "USE",
        Permission.Edit => "EDIT",
        Permission.Manage => "MANAGE",
        _ => "ADMIN",
    };

    public static string? Name(Permission? level) => level is { } l ? Name(l) : null;

    /// <summary>One of the four grantable levels; ADMIN is not a level anyone can grant.</summary>
    public static Result<Permission> Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error.MissingField(field);
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "READ" => Permission.Read,
            "USE" => Permission.Use,
            "EDIT" => Permission.Edit,
            "MANAGE" => Permission.Manage,
            _ => Error.Invalid($"'{Shorten(text)}' is not a permission level: use {Names}.", field),
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
