using System.Text.Json;
using System.Text.Json.Serialization;
using Slipway.Contracts.Registry;

namespace Slipway.Core.Registry.Catalog;

/// <summary>The list-valued parts of a <see cref="ModelCard"/>, read from and written to their JSON columns.</summary>
public sealed record ModelCardParts(
    IReadOnlyList<ModelCardDataset> TrainingData,
    IReadOnlyList<ModelCardDataset> EvaluationData,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Owners);

/// <summary>
/// Reads and writes the JSON columns of <see cref="ModelCard"/> (snake_case, nulls left out). Metrics are plain JSON
/// numbers, never NaN or infinities, so that the catalog's metric filters can compare them in SQL.
/// </summary>
public static class ModelCardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ModelCardParts Read(ModelCard card) => new(
        Parse<List<ModelCardDataset>>(card.TrainingData) ?? [],
        Parse<List<ModelCardDataset>>(card.EvaluationData) ?? [],
        Parse<Dictionary<string, double>>(card.Metrics) ?? [],
        Parse<List<string>>(card.Owners) ?? []);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The metrics in a card's <c>metrics</c> column; none when it is null (a version without a card).</summary>
    public static IReadOnlyDictionary<string, double> Metrics(string? json) => Parse<Dictionary<string, double>>(json) ?? [];

    private static T? Parse<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            // Written by this class only; an unreadable value reads as empty rather than failing the whole card.
            return null;
        }
    }
}
