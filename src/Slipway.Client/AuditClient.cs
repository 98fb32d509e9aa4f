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

    /// <summary>
    /// The RFC 6962 inclusion proof of event <paramref name="seq"/> in the tree of the first <paramref name="size"/>
    /// events (default: the latest checkpoint's size). Check it with <see cref="AuditProof.VerifyInclusion(AuditProofResponse, string, string)"/>.
    /// </summary>
    /// <exception cref="SlipwayApiException">404 before the first checkpoint (without a size); 400 for a seq or size out of range.</exception>
    public async Task<AuditProofResponse> GetProofAsync(long seq, long? size = null, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(Path + "/proof").Add("seq", seq.ToString(CultureInfo.InvariantCulture)).Add("size", size?.ToString(CultureInfo.InvariantCulture));
        return await http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.AuditProofResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the events after <paramref name="afterSeq"/> into <paramref name="destination"/>, one per line:
    /// <c>jsonl</c> (schema v1 with hash) or <c>cef</c> (ArcSight Common Event Format). The server records the export
    /// as an <c>audit.export</c> event, which is the first event after the exported range.
    /// </summary>
    /// <exception cref="SlipwayApiException">400 for another format.</exception>
    public async Task ExportAsync(Stream destination, string format = "jsonl", long afterSeq = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var uri = new QueryString(Path + "/export").Add("format", format).Add("after_seq", afterSeq.ToString(CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri.ToString());
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await body.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest signed checkpoint.</summary>
    /// <exception cref="SlipwayApiException">404 before the first checkpoint.</exception>
    public async Task<AuditCheckpointResponse> GetLatestCheckpointAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path + "/checkpoints/latest", SlipwayJsonContext.Default.AuditCheckpointResponse, cancellationToken).ConfigureAwait(false);
}
