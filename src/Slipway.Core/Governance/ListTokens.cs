using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance;

public sealed class ListTokens(SlipwayDbContext db)
{
    public Task<List<ApiToken>> HandleAsync(CancellationToken cancellationToken) =>
        db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
}
