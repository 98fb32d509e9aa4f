namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// One stored <c>slipway.prediction.v1</c> record (serving spec §7.3): the columns monitoring filters on, and the whole
/// record as JSON in <see cref="Record"/>. Written in batches by the prediction log, never in the request's path.
/// </summary>
public sealed class PredictionRecord
{
    public long Id { get; set; }

    /// <summary>UUIDv7 given at admission; a shadow copy shares its primary's id and differs in <see cref="Role"/>.</summary>
    public required string PredictionId { get; set; }

    public long WorkspaceId { get; set; }

    public required string Deployment { get; set; }

    /// <summary>The registry model that answered; null when the request failed before a route was chosen.</summary>
    public string? ModelName { get; set; }

    public int? Version { get; set; }

    public string? RouteId { get; set; }

    /// <summary><c>primary</c>, <c>shadow</c> or <c>direct</c>.</summary>
    public required string Role { get; set; }

    /// <summary><c>ok</c>, <c>rejected</c> or <c>error</c>.</summary>
    public required string Status { get; set; }

    public int HttpStatus { get; set; }

    public string? ErrorCode { get; set; }

    public int Rows { get; set; }

    /// <summary>Unix milliseconds at admission.</summary>
    public long Timestamp { get; set; }

    /// <summary>The full record as JSON Lines writes it.</summary>
    public required string Record { get; set; }
}
