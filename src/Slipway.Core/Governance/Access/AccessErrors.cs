using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>The machine-readable refusals of access administration.</summary>
public static class AccessErrors
{
    public static Error Denied(string message) => new(ErrorKind.Forbidden, "permission_denied", message);

    /// <summary>A role, binding or grant would give more than the caller holds.</summary>
    public static Error Escalation(string message) => new(ErrorKind.Forbidden, "privilege_escalation", message);

    /// <summary>A token would carry more than its owner holds (governance.md §6.5, §8.8).</summary>
    public static Error TokenExceedsOwner(string message, string field) => new(ErrorKind.Invalid, "token_exceeds_owner", message, field);

    public static Error BuiltinRoleReadOnly(string name) =>
        new(ErrorKind.Conflict, "builtin_role_read_only", $"'{name}' is a built-in role and cannot be changed or deleted; create a custom role instead.");
}
