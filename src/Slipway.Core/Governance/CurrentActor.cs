using Microsoft.AspNetCore.Http;

namespace Slipway.Core.Governance;

/// <summary>
/// Who is acting in the current scope: the request's principal, or the name a background job sets
/// (e.g. <c>system:retention</c>). History, audit and <c>created_by</c> fields read it.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor accessor)
{
    public const string System = "system";

    private string? _override;

    public string Name => _override ?? accessor.HttpContext?.Features.Get<SlipwayPrincipal>()?.Name ?? System;

    /// <summary>The workspace of the caller; the default workspace for background work.</summary>
    public long WorkspaceId => accessor.HttpContext?.Features.Get<SlipwayPrincipal>()?.WorkspaceId ?? Workspace.DefaultId;

    /// <summary>Names a background job as the actor for the rest of this scope.</summary>
    public void ActAs(string name) => _override = name;
}
