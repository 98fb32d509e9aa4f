using System.Data.Common;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// The page step that every search shares: to a <c>SELECT id … WHERE &lt;scope&gt;</c> the caller began, it adds the
/// compiled filter, order and <c>LIMIT max+1 OFFSET n</c>, reads the ids, and turns the extra row into the next
/// page's token. The entities are then loaded whole by id.
/// </summary>
internal static class PagedIdQuery
{
    public static async Task<(List<T> Ids, string? NextPageToken)> ReadAsync<T>(
        RawSql sql, CompiledSearch compiled, int maxResults, int offset, string fingerprint, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        foreach (var parameter in compiled.Parameters)
        {
            sql.NamedParameter(parameter.Name, parameter.Value);
        }

        if (compiled.Where.Length > 0)
        {
            sql.Append(" AND (").Append(compiled.Where).Append(")");
        }

        sql.Append(" ORDER BY ").Append(compiled.OrderBy)
            .Append(" LIMIT ").Append(sql.Parameter(maxResults + 1))
            .Append(" OFFSET ").Append(sql.Parameter(offset));
        var ids = new List<T>(Math.Min(maxResults + 1, 1024));
        await using (var reader = await sql.ReadAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(read(reader));
            }
        }

        if (ids.Count <= maxResults)
        {
            return (ids, null);
        }

        ids.RemoveAt(ids.Count - 1);
        return (ids, PageToken.Encode(offset + maxResults, fingerprint));
    }
}
