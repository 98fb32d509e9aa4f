using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Slipway.Core.Governance.Audit;

/// <summary>The event's hashed form and the chain rule: <c>hash = SHA-256(prev_hash ‖ JCS(event without hash))</c>.</summary>
public static class AuditHashing
{
    public const string Schema = "slipway.audit/1";

    /// <summary>The <c>prev_hash</c> of the first event: 32 zero bytes.</summary>
    public static readonly string GenesisHash = Convert.ToBase64String(new byte[32]);

    /// <summary>The event as hashed and exported: every field but <c>hash</c>, JSON columns as objects, nulls kept.</summary>
    public static JsonObject ToJson(AuditEvent e) => new()
    {
        ["schema"] = e.Schema,
        ["seq"] = e.Seq,
        ["id"] = e.Id,
        ["ts"] = e.Ts,
        ["actor"] = Parse(e.Actor),
        ["source"] = Parse(e.Source),
        ["request"] = Parse(e.Request),
        ["action"] = e.Action,
        ["resource"] = Parse(e.Resource),
        ["outcome"] = e.Outcome,
        ["status"] = e.Status,
        ["error_code"] = e.ErrorCode,
        ["reason"] = e.Reason,
        ["changes"] = Parse(e.Changes),
        ["context"] = Parse(e.Context),
        ["prev_hash"] = e.PrevHash,
    };

    public static string ComputeHash(AuditEvent e)
    {
        var previous = Convert.FromBase64String(e.PrevHash);
        var body = CanonicalJson.Serialize(ToJson(e));
        var input = new byte[previous.Length + body.Length];
        previous.CopyTo(input, 0);
        body.CopyTo(input, previous.Length);
        return Convert.ToBase64String(SHA256.HashData(input));
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
