using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Parameterized ADO.NET commands on the context's connection and transaction, for the hot paths where EF's change
/// tracking costs more than the database (log-batch, search). The SQL here is the subset that SQLite and
/// PostgreSQL share (INSERT … ON CONFLICT, EXISTS, LIMIT/OFFSET), so there is no per-provider branch. Only
/// parameters carry values; callers pass fixed SQL text.
/// </summary>
public sealed class RawSql : IAsyncDisposable
{
    private readonly DbCommand command;
    private readonly StringBuilder text = new();

    private RawSql(DbCommand command) => this.command = command;

    public static async Task<RawSql> CreateAsync(SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return new RawSql(command);
    }

    /// <summary>Adds a parameter and returns its placeholder (<c>@q12</c>).</summary>
    public string Parameter(object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@q" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter.ParameterName;
    }

    /// <summary>Adds a parameter under a name chosen by a compiler (such as the search grammar's <c>@s0</c>).</summary>
    public void NamedParameter(string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name.StartsWith('@') ? name : "@" + name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public RawSql Append(string sql)
    {
        text.Append(sql);
        return this;
    }

    public int ParameterCount => command.Parameters.Count;

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        command.CommandText = text.ToString();
        var result = await command.ExecuteNonQueryAsync(cancellationToken);
        Reset();
        return result;
    }

    public async Task<DbDataReader> ReadAsync(CancellationToken cancellationToken)
    {
        command.CommandText = text.ToString();
        return await command.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>Clears text and parameters so the command can be reused for the next statement.</summary>
    public void Reset()
    {
        text.Clear();
        command.Parameters.Clear();
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
