using System.Text.RegularExpressions;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Workspaces;

/// <summary>Workspace names: lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters (a DNS label).</summary>
public static partial class WorkspaceRules
{
    public const int NameLength = 63;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex NamePattern();

    public static Error? Name(string? name, string field = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error.MissingField(field);
        }

        if (name.Length > NameLength)
        {
            return Error.Invalid($"'{field}' is {name.Length} characters; the limit is {NameLength}.", field);
        }

        return NamePattern().IsMatch(name)
            ? null
            : Error.Invalid($"Invalid workspace name '{name}': use lower-case letters, digits and dashes, starting with a letter or digit.", field);
    }

    public static Error? Description(string? description)
    {
        if (description is null)
        {
            return null;
        }

        if (description.Length > Workspace.DescriptionLength)
        {
            return Error.Invalid($"'description' is {description.Length} characters; the limit is {Workspace.DescriptionLength}.", "description");
        }

        return description.Contains('\0', StringComparison.Ordinal) ? Error.Invalid("'description' holds a NUL character.", "description") : null;
    }

    public static Error NotFound(string name) => Error.NotFound($"No workspace is named '{name}'.");
}
