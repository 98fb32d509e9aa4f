using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>One permission line of a role as a request sends it.</summary>
public sealed record RoleLine(string? ResourceType, string? ResourcePattern, string? Level);

/// <summary>
/// A custom role as a request sends it. <see cref="Validate"/> turns it into the role's lines, or says what is wrong
/// (resource types of <see cref="ResourceTypes.All"/>, levels READ/USE/EDIT/MANAGE, capabilities of <see cref="Capabilities"/>).
/// </summary>
public sealed record RoleDefinition(string? Name, string? Description, IReadOnlyList<RoleLine>? Permissions, IReadOnlyList<string>? Capabilities)
{
    public const int MaxLines = 100;
    public const int DescriptionLength = 4096;
    public const int PatternLength = 64;

    public Result<List<RolePermission>> Validate()
    {
        if (RoleNameError(Name) is { } nameError)
        {
            return nameError;
        }

        if (Description is { Length: > DescriptionLength })
        {
            return Error.Invalid($"'description' is {Description.Length} characters; the limit is {DescriptionLength}.", "description");
        }

        var permissions = Permissions ?? [];
        var capabilities = Capabilities ?? [];
        if (permissions.Count + capabilities.Count == 0)
        {
            return Error.Invalid("A role needs at least one permission or capability.", "permissions");
        }

        if (permissions.Count + capabilities.Count > MaxLines)
        {
            return Error.Invalid($"A role holds at most {MaxLines} permissions and capabilities together; this one has {permissions.Count + capabilities.Count}.", "permissions");
        }

        var lines = new List<RolePermission>();
        for (var i = 0; i < permissions.Count; i++)
        {
            var line = permissions[i];
            var field = $"permissions[{i}]";
            var type = line.ResourceType?.Trim() ?? string.Empty;
            if (!ResourceTypes.All.Contains(type))
            {
                return Error.Invalid($"{field}.resource_type '{line.ResourceType}' is not a resource type: use one of {string.Join(", ", ResourceTypes.All.Order(StringComparer.Ordinal))}.", field + ".resource_type");
            }

            var pattern = string.IsNullOrEmpty(line.ResourcePattern) ? ResourceTypes.Any : line.ResourcePattern;
            if (pattern.Length > PatternLength || pattern.Any(char.IsControl) || pattern.Any(char.IsWhiteSpace))
            {
                return Error.Invalid($"{field}.resource_pattern must be '*' or one resource id of at most {PatternLength} characters without spaces.", field + ".resource_pattern");
            }

            if (type == ResourceTypes.Any && pattern != ResourceTypes.Any)
            {
                return Error.Invalid($"{field}: a single resource id needs a resource type, not '*'.", field + ".resource_pattern");
            }

            var level = PermissionLevels.Parse(line.Level, field + ".level");
            if (!level.IsSuccess)
            {
                return level.Error;
            }

            if (!lines.Any(l => l.ResourceType == type && l.ResourcePattern == pattern && l.Level == level.Value))
            {
                lines.Add(new RolePermission { ResourceType = type, ResourcePattern = pattern, Level = level.Value });
            }
        }

        for (var i = 0; i < capabilities.Count; i++)
        {
            var capability = capabilities[i]?.Trim() ?? string.Empty;
            if (!Access.Capabilities.IsKnown(capability))
            {
                return Error.Invalid(
                    $"capabilities[{i}] '{capabilities[i]}' is not a capability: use approve, waive_gate, audit:read, audit:export, download_artifacts, manage_tokens, manage_quotas or deploy:<environment>.",
                    $"capabilities[{i}]");
            }

            if (!lines.Any(l => l.Capability == capability))
            {
                lines.Add(new RolePermission { Capability = capability });
            }
        }

        return lines;
    }

    public static Error? RoleNameError(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Error.MissingField("name");
        }

        if (name.Length > Role.NameLength)
        {
            return Error.Invalid($"'name' is {name.Length} characters; the limit is {Role.NameLength}.", "name");
        }

        if (name != name.Trim() || name.Any(char.IsControl))
        {
            return Error.Invalid("A role name cannot start or end with spaces or hold control characters.", "name");
        }

        return name.All(char.IsAsciiDigit) ? Error.Invalid("A role name cannot be all digits.", "name") : null;
    }
}
