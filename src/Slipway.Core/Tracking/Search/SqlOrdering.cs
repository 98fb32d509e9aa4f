namespace Slipway.Core.Tracking.Search;

/// <summary>
/// ORDER BY items written the same for SQLite and PostgreSQL. The two disagree on where NULLs go (SQLite first
/// when ascending, PostgreSQL last), and SQLite before 3.30 has no NULLS LAST, so NULLs are ranked explicitly.
/// </summary>
internal static class SqlOrdering
{
    public static string Direction(bool ascending) => ascending ? "ASC" : "DESC";

    public static string Plain(string expression, bool ascending) => $"{expression} {Direction(ascending)}";

    public static string NullsLast(string expression, bool ascending) =>
        $"CASE WHEN {expression} IS NULL THEN 1 ELSE 0 END, {expression} {Direction(ascending)}";

    /// <summary>
    /// A metric value from <paramref name="source"/> (<c>FROM … WHERE …</c> selecting at most one row of a
    /// table with <c>value</c> and <c>is_nan</c>, aliased <paramref name="alias"/>): numbers in the asked direction,
    /// then NaN, then owners without the metric, in both directions (mlflow-rest.md §6.2).
    /// </summary>
    public static string Metric(string alias, string source, bool ascending) =>
        $"COALESCE((SELECT CASE WHEN {alias}.is_nan THEN 1 ELSE 0 END {source}), 2), " +
        $"(SELECT CASE WHEN {alias}.is_nan THEN NULL ELSE {alias}.value END {source}) {Direction(ascending)}";
}
