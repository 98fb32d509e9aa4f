using System.Globalization;
using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/audit</c> resource: the hash-chained audit trail. Every call needs the Admin permission.</summary>
public sealed class AuditClient
{
    private const string Path = "api/v1/audit";
    private readonly SlipwayHttp http;

    internal AuditClient(SlipwayHttp http) => this.http = http;

    /// <summary>Events after <paramref name="afterSeq"/>, oldest first; follow <see cref="AuditEventsResponse.NextAfterSeq"/> for the next page.</summary>
    /// <exception cref="SlipwayApiException">400 for a limit outside 1..1000.</exception>
    public async Task<AuditEventsResponse> ListEventsAsync(long afterSeq = 0, int? limit = null, string? action = null, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(Path + "/events")
            .Add("after_seq", afterSeq.ToString(CultureInfo.InvariantCulture))
            .Add("limit", limit)
            .Add("action", action);
        return await http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.AuditEventsResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recomputes the chain on the server; with <paramref name="checkpoint"/> (a checkpoint note kept elsewhere) also checks the log against it.</summary>
    public Task<AuditVerificationResponse> VerifyAsync(string? checkpoint = null, CancellationToken cancellationToken = default) =>
        http.SendJsonAsync(
            HttpMethod.Post,
            Path + "/verify",
            new AuditVerifyRequest(checkpoint),
            SlipwayJsonContext.Default.AuditVerifyRequest,
            SlipwayJsonContext.Default.AuditVerificationResponse,
            cancellationToken);

    /// <summary>The newest signed checkpoint.</summary>
    /// <exception cref="SlipwayApiException">404 before the first checkpoint.</exception>
    public async Task<AuditCheckpointResponse> GetLatestCheckpointAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path + "/checkpoints/latest", SlipwayJsonContext.Default.AuditCheckpointResponse, cancellationToken).ConfigureAwait(false);
}
