using System.Text.Json.Nodes;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// What a use case tells <see cref="AuditLog.RecordAsync"/>: the action (<c>noun.verb</c>), the resource and the
/// redacted changes. The log adds who (actor), from where (source, request), when, and the chain fields.
/// Never put a secret here: no token values, passwords or webhook secrets.
/// </summary>
public sealed record AuditEntry(string Action)
{
    public string Outcome { get; init; } = AuditOutcomes.Success;

    public int? Status { get; init; }

    public string? ErrorCode { get; init; }

    public string? Reason { get; init; }

    public JsonObject? Resource { get; init; }

    public JsonObject? Changes { get; init; }

    public JsonObject? Context { get; init; }

    /// <summary>
    /// The actor when it is not the request's principal: a sign-in names the user it is about before any principal
    /// exists (<c>{"type":"user","id":"u_7","name":"alice","auth":"password"}</c>). Null takes the principal.
    /// </summary>
    public JsonObject? Actor { get; init; }
}

public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failure = "failure";
    public const string Error = "error";
}
