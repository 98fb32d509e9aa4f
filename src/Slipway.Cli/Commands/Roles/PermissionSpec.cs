using System.CommandLine.Parsing;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Roles;

/// <summary>A permission line on the command line: <c>TYPE[/ID]:LEVEL</c>, such as <c>*:READ</c>, <c>experiment:EDIT</c> or <c>registered_model/7:MANAGE</c>.</summary>
internal static class PermissionSpec
{
    public static string Format(RolePermissionItem item) =>
        item.ResourcePattern == "*" ? $"{item.ResourceType}:{item.Level}" : $"{item.ResourceType}/{item.ResourcePattern}:{item.Level}";

    public static List<RolePermissionItem> Parse(ArgumentResult result)
    {
        var items = new List<RolePermissionItem>();
        foreach (var token in result.Tokens)
        {
            var text = token.Value.Trim();
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || colon == text.Length - 1)
            {
                result.AddError($"'{text}' is not a permission: use TYPE[/ID]:LEVEL, such as experiment:EDIT or registered_model/7:READ.");
                return items;
            }

            var target = text[..colon];
            var slash = target.IndexOf('/', StringComparison.Ordinal);
            items.Add(slash < 0
                ? new RolePermissionItem(target, text[(colon + 1)..])
                : new RolePermissionItem(target[..slash], text[(colon + 1)..], target[(slash + 1)..]));
        }

        return items;
    }
}
