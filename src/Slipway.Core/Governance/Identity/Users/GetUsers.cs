using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>Reads users and service accounts.</summary>
public sealed class GetUsers(SlipwayDbContext db)
{
    public Task<List<User>> ListAsync(string? kind, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => kind == null || u.Kind == kind).OrderBy(u => u.NormalizedName).ToListAsync(cancellationToken);

    public async Task<Result<User>> GetAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = UserNames.Normalize(name);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedName == normalized, cancellationToken);
        return user is null ? IdentityErrors.UserNotFound(name) : user;
    }

    public async Task<Result<User>> GetAsync(long id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? Error.NotFound($"No user has the id {id}.") : user;
    }
}
