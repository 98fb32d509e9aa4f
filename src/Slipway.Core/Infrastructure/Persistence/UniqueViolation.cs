using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Tells a lost race on a unique key (which a handler answers as "already exists" or retries) from every other
/// database failure (which must surface as such). PostgreSQL says so with SQLSTATE 23505; SQLite with error 19 and
/// a "UNIQUE constraint failed" message (its primary keys included).
/// </summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException exception) => exception.InnerException is DbException db
        && (db.SqlState == "23505"
            || db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));
}
