using Microsoft.EntityFrameworkCore;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Runs an idempotent write again when a concurrent request inserted the same unique row first (PostgreSQL runs
/// check-then-insert sequences side by side under READ COMMITTED; SQLite never gets here, its writers queue).
/// The second attempt sees the committed row and takes the "already there" path.
/// </summary>
public static class ConflictRetry
{
    private const int Attempts = 3;

    public static async Task<T> RunAsync<T>(SlipwayDbContext db, Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write(cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < Attempts && UniqueViolation.Is(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
