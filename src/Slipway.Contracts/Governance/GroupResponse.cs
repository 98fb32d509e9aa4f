namespace Slipway.Contracts.Governance;

/// <summary>A group and its members' names. <see cref="Source"/> is <c>local</c> or <c>oidc</c>.</summary>
public sealed record GroupResponse(long Id, string Name, string? Description, string Source, long CreatedAt, IReadOnlyList<string> Members);
