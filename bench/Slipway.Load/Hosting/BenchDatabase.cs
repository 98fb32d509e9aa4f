using System.Data.Common;

namespace Slipway.Load.Hosting;

/// <summary>A data directory and an empty database for one server, and the connection string to reach it directly.</summary>
internal sealed record ServerSite(string DataDir, IReadOnlyDictionary<string, string> Settings, string ConnectionString);

/// <summary>
/// One database product under test. Creates a fresh site per cold start, opens raw connections to a site for the
/// baselines, and removes every directory and database it created when disposed.
/// </summary>
internal abstract class BenchDatabase : IAsyncDisposable
{
    private readonly List<string> dataDirs = [];

    /// <summary>SQLite or PostgreSQL, as printed in the tables.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Whether the database takes one writer at a time. SQLite does: its raw insert limit is one connection, whatever
    /// the number of HTTP clients.
    /// </summary>
    public abstract bool SingleWriter { get; }

    /// <summary>Rows per prepared INSERT in the raw baseline: whichever shape this database writes fastest.</summary>
    public abstract int RawRowsPerStatement { get; }

    /// <summary>A condition that <paramref name="column"/> is in the id list bound as <c>@ids</c>, one parameter however long the list.</summary>
    public abstract string InIdList(string column);

    /// <summary>The value of <c>@ids</c> for <see cref="InIdList"/>.</summary>
    public abstract object IdList(IReadOnlyList<string> ids);

    public async Task<ServerSite> CreateSiteAsync(CancellationToken cancellationToken)
    {
        var dataDir = Directory.CreateTempSubdirectory("slipway-load-").FullName;
        dataDirs.Add(dataDir);
        return await CreateSiteAsync(dataDir, cancellationToken);
    }

    /// <summary>A raw ADO.NET connection to the site's database, opened and set up as the server sets up its own.</summary>
    public abstract Task<DbConnection> OpenAsync(ServerSite site, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the planner's statistics up to date after a bulk load, as PostgreSQL's autovacuum does within a minute
    /// or so, so search figures do not depend on whether it has run yet. SQLite keeps no statistics unless asked.
    /// </summary>
    public virtual Task RefreshStatisticsAsync(ServerSite site, CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        foreach (var dir in dataDirs)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }

        return ValueTask.CompletedTask;
    }

    protected abstract Task<ServerSite> CreateSiteAsync(string dataDir, CancellationToken cancellationToken);
}
