using System.Text.Json;

namespace Slipway.Contracts.Serving;

/// <summary>
/// <c>GET /api/v1/predictions/{prediction_id}</c>: every stored record of one prediction (the primary, its shadow
/// copies), oldest first, each the <c>slipway.prediction.v1</c> JSON object of serving spec §7.3.
/// <c>GET /api/v1/deployments/{name}/predictions</c> answers a <see cref="Page{T}"/> of the same objects, newest first.
/// </summary>
public sealed record PredictionResponse(string PredictionId, IReadOnlyList<JsonElement> Records);
