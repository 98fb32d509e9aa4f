using System.Text.Json.Nodes;

namespace Slipway.Contracts.Governance;

/// <summary>
/// A page of audit events, each in its schema v1 form (with <c>hash</c>); pass <see cref="NextAfterSeq"/> back as
/// <c>after_seq</c> for the next page, null on the last.
/// </summary>
public sealed record AuditEventsResponse(IReadOnlyList<JsonObject> Events, long? NextAfterSeq);
