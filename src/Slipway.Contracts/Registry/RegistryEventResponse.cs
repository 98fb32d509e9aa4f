using System.Text.Json;

namespace Slipway.Contracts.Registry;

/// <summary>
/// One registry change from the event feed: MLflow's events (with MLflow's webhook <c>data</c>) and Slipway's own
/// (stage changes, alias moves, deletions, ...; <c>data</c> holds <c>from</c> and <c>to</c>). Ids only grow.
/// </summary>
public sealed record RegistryEventResponse(
    long Id, string ModelName, int? Version, string Entity, string Action, string Actor, long Timestamp, JsonElement Data);
