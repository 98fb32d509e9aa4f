using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance;

/// <summary>The caller's own tokens; a platform admin sees every token.</summary>
public sealed class ListTokens(SlipwayDbContext db)
{
    public Task<List<ApiToken>> HandleAsync(SlipwayPrincipal caller, CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking().Where(t => caller.IsAdmin || t.UserId == caller.UserId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
}
