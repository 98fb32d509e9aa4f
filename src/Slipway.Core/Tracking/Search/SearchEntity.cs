namespace Slipway.Core.Tracking.Search;

/// <summary>What a filter or order_by identifier refers to, from its prefix (mlflow-rest.md §6.2).</summary>
internal enum SearchEntity
{
    Attribute,
    Metric,
    Param,
    Tag,
    Dataset,
}
