using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using Slipway.Core.Governance;

namespace Slipway.Load.Measurements;

/// <summary>
/// What authentication and authorization cost: requests per second of an authorized read next to the anonymous
/// <c>/health/live</c> on the same server, and the latency a non-admin caller adds over an admin (whose access
/// needs no grant lookup), which is the per-request cost of grant resolution with the caches warm.
/// </summary>
internal static class AuthLoad
{
    /// <summary>A user with a direct READ grant on <paramref name="experimentId"/> and a token, written straight to the database.</summary>
    public static async Task<string> CreateReaderTokenAsync(DbConnection connection, string experimentId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).ToUnixTimeMilliseconds();
        long userId;
        await using (var insert = Command(connection,
            "INSERT INTO users (name, normalized_name, kind, is_admin, active, totp_last_step, created_at) VALUES (@n, @n, 'user', @f, @t, 0, @now) RETURNING id",
            ("n", "bench-reader"), ("f", false), ("t", true), ("now", now)))
        {
            userId = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using (var grant = Command(connection,
            "INSERT INTO resource_grants (workspace_id, principal_kind, principal_id, resource_type, resource_id, level, created_at) VALUES (1, 'user', @u, 'experiment', @e, 1, @now)",
            ("u", userId), ("e", experimentId), ("now", now)))
        {
            await grant.ExecuteNonQueryAsync(cancellationToken);
        }

        var secret = TokenFormat.Generate();
        await using (var token = Command(connection,
            "INSERT INTO api_tokens (name, prefix, hash, principal, user_id, created_at) VALUES ('bench-reader', @p, @h, 'bench-reader', @u, @now)",
            ("p", TokenFormat.DisplayPrefix(secret)), ("h", TokenFormat.Hash(secret)), ("u", userId), ("now", now)))
        {
            await token.ExecuteNonQueryAsync(cancellationToken);
        }

        return secret;
    }

    /// <summary>GETs <paramref name="path"/> from <paramref name="clients"/> concurrent loops for <paramref name="duration"/>; every answer must be 200.</summary>
    public static async Task<double> RequestsPerSecondAsync(Uri baseAddress, string path, string? token, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var http = Client(baseAddress, token);
        for (var i = 0; i < 50; i++)
        {
            await GetAsync(http, path, cancellationToken);
        }

        long requests = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                await GetAsync(http, path, cancellationToken);
                Interlocked.Increment(ref requests);
            }
        }));
        return requests / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Median latency of one client's GETs, in milliseconds.</summary>
    public static async Task<double> MedianMillisecondsAsync(Uri baseAddress, string path, string? token, int repeats, CancellationToken cancellationToken)
    {
        using var http = Client(baseAddress, token);
        for (var i = 0; i < 50; i++)
        {
            await GetAsync(http, path, cancellationToken);
        }

        return await Timing.MedianMillisecondsAsync(repeats, () => GetAsync(http, path, cancellationToken));
    }

    private static async Task GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }
    }

    private static HttpClient Client(Uri baseAddress, string? token)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false, UseProxy = false };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(1) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
