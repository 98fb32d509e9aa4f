using System.Globalization;
using Microsoft.AspNetCore.Http;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Whoever creates an experiment or registered model gets MANAGE on it (governance.md §8.2 "creator → MANAGE"), as
/// a direct grant saved in the creating transaction. Platform admins and background work need none.
/// </summary>
public sealed class CreatorGrants(SlipwayDbContext db, IHttpContextAccessor accessor, AccessEvaluator evaluator, TimeProvider time)
{
    /// <summary>Adds the grant to the context; the caller's SaveChanges writes it with the new resource.</summary>
    public bool Add(long workspaceId, string resourceType, long resourceId)
    {
        var principal = accessor.HttpContext?.Features.Get<SlipwayPrincipal>();
        if (principal is null || principal.IsAdmin)
        {
            return false;
        }

        db.ResourceGrants.Add(new ResourceGrant
        {
            WorkspaceId = workspaceId,
            PrincipalKind = Identity.PrincipalKinds.User,
            PrincipalId = principal.UserId,
            ResourceType = resourceType,
            ResourceId = resourceId.ToString(CultureInfo.InvariantCulture),
            Level = Permission.Manage,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            CreatedBy = principal.Name,
        });
        return true;
    }

    /// <summary>Call after the commit, so the creator's next request sees the grant.</summary>
    public void Committed() => evaluator.Invalidate();
}
