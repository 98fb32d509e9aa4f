using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Slipway.Core.Mlflow;

/// <summary>
/// Finds a null element in the lists of a request message (<c>"metrics": [null]</c>), which JSON deserialization
/// accepts and the handlers must never see. Returns the snake_case path of the first one, or null.
/// </summary>
internal static class NullElements
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ListProperties = new();

    public static string? Find(object message) => Find(message, "");

    private static string? Find(object message, string prefix)
    {
        foreach (var property in ListProperties.GetOrAdd(message.GetType(), ListsOf))
        {
            if (property.GetValue(message) is not IList list)
            {
                continue;
            }

            var name = prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            for (var i = 0; i < list.Count; i++)
            {
                var item = list[i];
                if (item is null)
                {
                    return $"{name}[{i}]";
                }

                if (item is not string && ListProperties.GetOrAdd(item.GetType(), ListsOf).Length > 0 && Find(item, $"{name}[{i}].") is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    /// <summary>List-typed properties, and properties whose type itself holds lists (a dataset input's tags).</summary>
    private static PropertyInfo[] ListsOf(Type type) =>
        type.Namespace == typeof(NullElements).Namespace + ".Messages"
            ? type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType != typeof(string) && typeof(IList).IsAssignableFrom(p.PropertyType))
                .ToArray()
            : [];
}
