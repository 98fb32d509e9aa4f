using System.Globalization;
using Slipway.Contracts;
using Slipway.Contracts.Registry;

namespace Slipway.Client;

/// <summary>
/// The version lifecycle of registered models under <c>/api/v1/models/{name}</c>: archive and restore, manual holds,
/// the retention policy and its runs, and history. Model names are sent percent-encoded, so names with '/' work.
/// </summary>
public sealed class ModelLifecycleClient
{
    private readonly SlipwayHttp http;

    internal ModelLifecycleClient(SlipwayHttp http) => this.http = http;

    /// <summary>
    /// Archives version <paramref name="version"/>: it moves to stage Archived, can get no alias, and its files may be
    /// deleted by the model's retention policy after the grace period. <paramref name="reason"/> goes into its history.
    /// </summary>
    /// <exception cref="SlipwayApiException">409 (<c>version_protected</c>) when an alias points to it or it is held, naming them; 409 (<c>version_archived</c>) when archived already; 404 when the model or version does not exist.</exception>
    public Task<VersionLifecycleResponse> ArchiveAsync(string name, int version, string? reason = null, CancellationToken cancellationToken = default) =>
        http.SendJsonAsync(
            HttpMethod.Post, $"{Version(name, version)}/archive", new ArchiveVersionRequest(reason),
            SlipwayJsonContext.Default.ArchiveVersionRequest, SlipwayJsonContext.Default.VersionLifecycleResponse, cancellationToken);

    /// <summary>Restores an archived version to the stage it had before it was archived.</summary>
    /// <exception cref="SlipwayApiException">409 (<c>version_files_deleted</c>) once its files were deleted; 409 (<c>version_not_archived</c>) when it is not archived.</exception>
    public async Task<VersionLifecycleResponse> RestoreAsync(string name, int version, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Version(name, version)}/restore");
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.VersionLifecycleResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every hold on the version, of every kind (manual, deployment, approval), oldest first.</summary>
    public async Task<IReadOnlyList<HoldResponse>> ListHoldsAsync(string name, int version, CancellationToken cancellationToken = default) =>
        await http.GetAsync($"{Version(name, version)}/holds", SlipwayJsonContext.Default.ListHoldResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Places a manual hold labelled <paramref name="reference"/>; placing the same one again returns the existing hold.</summary>
    public Task<HoldResponse> HoldAsync(string name, int version, string reference, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        return http.SendJsonAsync(
            HttpMethod.Post, $"{Version(name, version)}/holds", new CreateHoldRequest(reference, reason),
            SlipwayJsonContext.Default.CreateHoldRequest, SlipwayJsonContext.Default.HoldResponse, cancellationToken);
    }

    /// <summary>Removes the manual hold <paramref name="reference"/>.</summary>
    /// <exception cref="SlipwayApiException">404 when the version has no such manual hold.</exception>
    public async Task UnholdAsync(string name, int version, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Version(name, version)}/holds/manual/{Uri.EscapeDataString(reference)}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The model's retention policy.</summary>
    /// <exception cref="SlipwayApiException">404 when the model has none.</exception>
    public Task<RetentionPolicyResponse> GetRetentionAsync(string name, CancellationToken cancellationToken = default) =>
        http.GetAsync($"{Model(name)}/retention", SlipwayJsonContext.Default.RetentionPolicyResponse, cancellationToken);

    /// <summary>Sets (replaces) the model's retention policy; needs the Manage permission.</summary>
    public Task<RetentionPolicyResponse> SetRetentionAsync(string name, RetentionPolicyRequest policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return http.SendJsonAsync(
            HttpMethod.Put, $"{Model(name)}/retention", policy,
            SlipwayJsonContext.Default.RetentionPolicyRequest, SlipwayJsonContext.Default.RetentionPolicyResponse, cancellationToken);
    }

    /// <summary>Removes the model's retention policy; versions already archived stay archived.</summary>
    public async Task DeleteRetentionAsync(string name, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Model(name)}/retention");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the model's retention policy now (also a disabled one). With <paramref name="dryRun"/> nothing changes and
    /// the answer lists what a real run would archive and whose files it would delete, with the reason for each.
    /// </summary>
    public async Task<RetentionRunResponse> RunRetentionAsync(string name, bool dryRun, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Model(name)}/retention/run?dry_run={(dryRun ? "true" : "false")}");
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.RetentionRunResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of the version's history, newest first (also for a deleted version).</summary>
    public Task<Page<RegistryEventResponse>> GetVersionHistoryAsync(
        string name, int version, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        http.GetAsync(
            new QueryString($"{Version(name, version)}/history").Add("limit", limit).Add("cursor", cursor).ToString(),
            SlipwayJsonContext.Default.PageRegistryEventResponse,
            cancellationToken);

    /// <summary>One page of the model's history (the model and all its versions), newest first.</summary>
    public Task<Page<RegistryEventResponse>> GetModelHistoryAsync(string name, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        http.GetAsync(
            new QueryString($"{Model(name)}/history").Add("limit", limit).Add("cursor", cursor).ToString(),
            SlipwayJsonContext.Default.PageRegistryEventResponse,
            cancellationToken);

    /// <summary>
    /// Which version alias <paramref name="alias"/> pointed to at <paramref name="at"/>, who set it there and when,
    /// and that version's creator, source run and the run's dataset inputs; <see cref="AliasAtResponse.Version"/> is
    /// null when the alias did not exist then.
    /// </summary>
    /// <exception cref="SlipwayApiException">404 for an unknown model; 400 for an invalid alias.</exception>
    public Task<AliasAtResponse> GetAliasAtAsync(string name, string alias, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return http.GetAsync(
            new QueryString($"{Model(name)}/aliases/{Uri.EscapeDataString(alias)}/history")
                .Add("at", at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            SlipwayJsonContext.Default.AliasAtResponse,
            cancellationToken);
    }

    private static string Model(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return "api/v1/models/" + Uri.EscapeDataString(name);
    }

    private static string Version(string name, int version)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        return $"{Model(name)}/versions/{version.ToString(CultureInfo.InvariantCulture)}";
    }
}
