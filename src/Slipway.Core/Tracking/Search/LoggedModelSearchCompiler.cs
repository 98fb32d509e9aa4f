using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Compiles a <c>logged-models/search</c> filter, datasets and order_by (mlflow-rest.md §6.5) to SQL over
/// <c>logged_models lm</c>. A metric clause matches when any recorded value satisfies it (NaN never does),
/// counting only points on the given datasets when there are any; ordering by a metric uses its latest point
/// (highest step, then timestamp). The caller adds the experiment scope and excludes deleted models.
/// </summary>
internal static class LoggedModelSearchCompiler
{
    private const string MetricsPrefix = "metrics.";

    public static SearchGrammar Grammar { get; } = new()
    {
        Prefixes = new Dictionary<string, SearchEntity>
        {
            [""] = SearchEntity.Attribute,
            ["attributes"] = SearchEntity.Attribute,
            ["metrics"] = SearchEntity.Metric,
            ["params"] = SearchEntity.Param,
            ["tags"] = SearchEntity.Tag,
        }.ToFrozenDictionary(StringComparer.Ordinal),
        Attributes = new Dictionary<string, SearchField>
        {
            ["name"] = SearchField.StringOrList("name"),
            ["model_id"] = SearchField.StringOrList("model_id"),
            ["model_type"] = SearchField.StringOrList("model_type"),
            ["source_run_id"] = SearchField.StringOrList("source_run_id"),
            ["status"] = SearchField.StringOrList("status"),
            ["creation_timestamp"] = SearchField.Number("creation_timestamp"),
            ["creation_time"] = SearchField.Number("creation_timestamp"),
            ["last_updated_timestamp"] = SearchField.Number("last_updated_timestamp"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        KeyedEntities = new Dictionary<SearchEntity, SearchField>
        {
            [SearchEntity.Metric] = SearchField.Number(""),
            [SearchEntity.Param] = SearchField.String(""),
            [SearchEntity.Tag] = SearchField.String(""),
        }.ToFrozenDictionary(),
        OrderableAttributes = new Dictionary<string, string>
        {
            ["name"] = "name",
            ["model_id"] = "model_id",
            ["model_type"] = "model_type",
            ["source_run_id"] = "source_run_id",
            ["status"] = "status",
            ["experiment_id"] = "experiment_id",
            ["creation_timestamp"] = "creation_timestamp",
            ["creation_time"] = "creation_timestamp",
            ["last_updated_timestamp"] = "last_updated_timestamp",
        }.ToFrozenDictionary(StringComparer.Ordinal),
    };

    private static readonly FrozenDictionary<string, (string Column, SqlColumnType Type, bool Nullable)> Columns =
        new Dictionary<string, (string, SqlColumnType, bool)>
        {
            ["name"] = ("lm.name", SqlColumnType.Text, false),
            ["model_id"] = ("lm.id", SqlColumnType.Text, false),
            ["model_type"] = ("lm.model_type", SqlColumnType.Text, true),
            ["source_run_id"] = ("lm.source_run_id", SqlColumnType.Text, true),
            ["status"] = ("lm.status", SqlColumnType.Text, false),
            ["experiment_id"] = ("lm.experiment_id", SqlColumnType.Integer, false),
            ["creation_timestamp"] = ("lm.creation_timestamp", SqlColumnType.Integer, false),
            ["last_updated_timestamp"] = ("lm.last_updated_timestamp", SqlColumnType.Integer, false),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Result<CompiledSearch> Compile(
        string? filter, IReadOnlyList<LoggedModelDataset>? datasets, IReadOnlyList<LoggedModelOrderBy>? orderBy)
    {
        var parsed = FilterParser.Parse(filter, Grammar);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var parameters = new SqlParameterBuilder();
        var where = string.Join(" AND ", parsed.Value.Comparisons.Select(c => Condition(c, datasets ?? [], parameters)));
        var order = new List<string>();
        foreach (var item in orderBy ?? [])
        {
            var ordered = OrderItem(item, parameters);
            if (!ordered.IsSuccess)
            {
                return ordered.Error;
            }

            order.Add(ordered.Value);
        }

        var fields = (orderBy ?? []).Select(o => Grammar.OrderableAttributes.GetValueOrDefault(o.FieldName ?? "")).ToList();
        if (!fields.Contains("creation_timestamp"))
        {
            order.Add("lm.creation_timestamp DESC");
        }

        if (!fields.Contains("model_id"))
        {
            order.Add("lm.id ASC");
        }

        return new CompiledSearch(where, string.Join(", ", order), parameters.Values);
    }

    private static string Condition(Comparison c, IReadOnlyList<LoggedModelDataset> datasets, SqlParameterBuilder parameters)
    {
        string Compare(string column, SqlColumnType type = SqlColumnType.Text) => SqlComparison.For(column, c.Comparator, c.Value, type, parameters);

        switch (c.Entity)
        {
            case SearchEntity.Metric:
                var key = parameters.Add(c.Key);
                var restriction = datasets.Count == 0
                    ? ""
                    : " AND (" + string.Join(" OR ", datasets.Select(d => DatasetMatch("mm", d.DatasetName, d.DatasetDigest, parameters))) + ")";
                return $"EXISTS (SELECT 1 FROM logged_model_metrics mm WHERE mm.model_id = lm.id AND mm.key = {key} AND NOT mm.is_nan " +
                       $"AND {Compare("mm.value", SqlColumnType.Real)}{restriction})";
            case SearchEntity.Param:
                return $"EXISTS (SELECT 1 FROM logged_model_params pp WHERE pp.model_id = lm.id AND pp.key = {parameters.Add(c.Key)} AND {Compare("pp.value")})";
            case SearchEntity.Tag:
                return $"EXISTS (SELECT 1 FROM logged_model_tags tt WHERE tt.model_id = lm.id AND tt.key = {parameters.Add(c.Key)} AND {Compare("tt.value")})";
            default:
                var (column, type, _) = Columns[c.Key];
                return Compare(column, type);
        }
    }

    private static Result<string> OrderItem(LoggedModelOrderBy item, SqlParameterBuilder parameters)
    {
        var field = item.FieldName ?? "";
        if (field.StartsWith(MetricsPrefix, StringComparison.Ordinal) && field.Length > MetricsPrefix.Length)
        {
            var source = $"FROM logged_model_metrics mm WHERE mm.model_id = lm.id AND mm.key = {parameters.Add(field[MetricsPrefix.Length..])}";
            if (!string.IsNullOrEmpty(item.DatasetName))
            {
                source += " AND " + DatasetMatch("mm", item.DatasetName, item.DatasetDigest, parameters);
            }

            return SqlOrdering.Metric("mm", source + " ORDER BY mm.step DESC, mm.timestamp DESC, mm.id DESC LIMIT 1", item.Ascending);
        }

        if (Grammar.OrderableAttributes.TryGetValue(field, out var canonical))
        {
            var (column, _, nullable) = Columns[canonical];
            return nullable ? SqlOrdering.NullsLast(column, item.Ascending) : SqlOrdering.Plain(column, item.Ascending);
        }

        var orderable = string.Join(", ", Grammar.OrderableAttributes.Values.Distinct().Order(StringComparer.Ordinal));
        return Error.Invalid(
            $"Invalid order_by field_name '{field}'; use metrics.<key> or an attribute: {orderable}.", "order_by");
    }

    private static string DatasetMatch(string alias, string name, string? digest, SqlParameterBuilder parameters) =>
        string.IsNullOrEmpty(digest)
            ? $"{alias}.dataset_name = {parameters.Add(name)}"
            : $"({alias}.dataset_name = {parameters.Add(name)} AND {alias}.dataset_digest = {parameters.Add(digest)})";
}
