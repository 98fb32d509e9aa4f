using System.Text.Json;

namespace Slipway.Contracts.Registry;

/// <summary>
/// One recorded change: what (<see cref="Entity"/>, <see cref="Action"/>), who (<see cref="Actor"/>), when
/// (<see cref="Timestamp"/>, epoch ms), and <see cref="Data"/> with what changed (for lifecycle actions,
/// <c>before</c> and <c>after</c>).
/// </summary>
public sealed record RegistryEventResponse(
    long Id, string Name, int? Version, string Entity, string Action, string Actor, long Timestamp, JsonElement Data);
