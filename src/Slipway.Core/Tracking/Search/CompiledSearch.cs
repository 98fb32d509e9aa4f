using System.Data.Common;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// A search compiled to SQL that runs unchanged on SQLite and PostgreSQL. <see cref="Where"/> is "" (no filter) or
/// a boolean expression over the search's table alias; <see cref="OrderBy"/> is never empty (it ends in a unique
/// tie-break, so pages are stable). All user text is in <see cref="Parameters"/>, named <c>@p0</c>, <c>@p1</c>, …;
/// the caller names its own parameters otherwise.
/// </summary>
internal sealed record CompiledSearch(string Where, string OrderBy, IReadOnlyList<SqlParameterValue> Parameters)
{
    /// <summary>Adds <see cref="Parameters"/> to a command of either provider.</summary>
    public void AddParametersTo(DbCommand command)
    {
        foreach (var (name, value) in Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary><see cref="Where"/> joined with the caller's conditions by AND, skipping empty ones.</summary>
    public string WhereAnd(params IEnumerable<string> conditions) =>
        string.Join(" AND ", conditions.Append(Where).Where(c => c.Length > 0).Select(c => $"({c})"));
}
