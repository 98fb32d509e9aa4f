using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry.Search;

/// <summary>
/// Registry searches leave out prompts, anything tagged <c>mlflow.prompt.is_prompt='true'</c>, unless the filter asks
/// for them (mlflow-rest.md §6.4). The 3.x client's own clause <c>tag.`mlflow.prompt.is_prompt` != 'true'</c> must
/// match models without the tag, so it compiles to the same NOT EXISTS as the default exclusion.
/// </summary>
internal static class PromptExclusion
{
    public const string TagKey = "mlflow.prompt.is_prompt";

    public static bool AsksForPrompts(SearchFilter filter) =>
        filter.Comparisons.Any(c => IsPromptTag(c)
            && ((c.Comparator == Comparator.Equal && Is(c.Value, "true")) || (c.Comparator == Comparator.NotEqual && Is(c.Value, "false"))));

    public static bool IsClientExclusion(Comparison c) => IsPromptTag(c) && c.Comparator == Comparator.NotEqual && Is(c.Value, "true");

    /// <summary>No row of <paramref name="tagTable"/> (alias <c>pt</c>) joined by <paramref name="join"/> marks a prompt.</summary>
    public static string NotAPrompt(string tagTable, string join) =>
        $"NOT EXISTS (SELECT 1 FROM {tagTable} pt WHERE {join} AND pt.key = '{TagKey}' AND pt.value = 'true')";

    private static bool IsPromptTag(Comparison c) => c.Entity == SearchEntity.Tag && c.Key == TagKey;

    private static bool Is(SearchValue value, string text) => value is SearchValue.Quoted quoted && quoted.Value == text;
}
