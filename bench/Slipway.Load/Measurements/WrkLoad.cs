using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Slipway.Load.Measurements;

/// <summary>What one wrk run measured, parsed from its output.</summary>
internal sealed record WrkResult(
    int Connections, int Rows, long Requests, double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Non2xx, long SocketErrors, string? FirstFailure)
{
    public double RowsPerSecond => RequestsPerSecond * Rows;

    /// <summary>Why the figures must not be reported (an answer outside 2xx or a socket error), or null.</summary>
    public string? Failure => Non2xx == 0 && SocketErrors == 0 ? null
        : $"{Non2xx:N0} non-2xx answers and {SocketErrors:N0} socket errors in {Requests:N0} requests" + (FirstFailure is { } first ? $"; first: {first}" : "");
}

/// <summary>
/// Drives an HTTP endpoint with <c>wrk</c> (Debian's package) on loopback: a closed loop of keep-alive connections,
/// each sending the next request when the last answer arrives, with a Lua script that sets the method, body and headers
/// and counts every answer outside 2xx (wrk itself counts only 4xx and 5xx). <c>--latency</c> adds the latency
/// distribution, whose 50% and 99% lines are read.
/// </summary>
internal static partial class WrkLoad
{
    public const string Install = "apt-get install -y wrk";

    /// <summary>The installed wrk's version line, or null when it is not on the PATH.</summary>
    public static async Task<string?> VersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (_, output) = await RunAsync(["--version"], cancellationToken);
            // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer": the name and version.
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var name, var version, ..]
                ? $"{name} {version}"
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>
    /// POSTs <paramref name="body"/> (or GETs, when it is null) to <paramref name="url"/> from <paramref name="connections"/> connections for
    /// <paramref name="duration"/> (two wrk threads at most, one per core here), with <c>--latency</c> when
    /// <paramref name="latency"/>. Throws when wrk fails; answers outside 2xx and socket errors are counted in the
    /// result (<see cref="WrkResult.Failure"/>), for the caller to refuse the figure.
    /// </summary>
    public static async Task<WrkResult> RequestAsync(
        Uri url, byte[]? body, int rows, string bearerToken, int connections, TimeSpan duration, bool latency, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"slipway-wrk-{Environment.ProcessId}-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(body, bearerToken), cancellationToken);
        try
        {
            var threads = Math.Min(connections, 2);
            return Parse(await RunChecked(script, url, threads, connections, duration, latency, cancellationToken), connections, rows);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// The Lua script: a fixed POST, and per-thread counts of non-2xx answers that <c>done</c> adds up and prints on
    /// lines starting <c>slipway-wrk</c>, with the first failure's status and body.
    /// </summary>
    internal static string Script(byte[]? body, string bearerToken)
    {
        var json = body is null ? null : Encoding.UTF8.GetString(body);
        if (json?.Contains("]==]", StringComparison.Ordinal) == true || bearerToken.Contains('"', StringComparison.Ordinal))
        {
            throw new ArgumentException("The body or token cannot be quoted in the wrk script.", nameof(body));
        }

        var request = json is null ? "wrk.method = \"GET\"" : $$"""
            wrk.method = "POST"
            wrk.body = [==[{{json}}]==]
            wrk.headers["Content-Type"] = "application/json"
            """;
        return $$"""
            {{request}}
            wrk.headers["Authorization"] = "Bearer {{bearerToken}}"

            local threads = {}

            function setup(thread)
              table.insert(threads, thread)
            end

            function init(args)
              non2xx = 0
              first_failure = ""
            end

            function response(status, headers, body)
              if status < 200 or status > 299 then
                non2xx = non2xx + 1
                if first_failure == "" then
                  first_failure = status .. " " .. string.sub(body or "", 1, 300)
                end
              end
            end

            function done(summary, latency, requests)
              local total = 0
              local first = ""
              for _, thread in ipairs(threads) do
                total = total + thread:get("non2xx")
                if first == "" then first = thread:get("first_failure") end
              end
              local e = summary.errors
              io.write(string.format("slipway-wrk requests=%d non2xx=%d socket_errors=%d\n",
                summary.requests, total, e.connect + e.read + e.write + e.timeout))
              if first ~= "" then
                io.write("slipway-wrk first_failure=" .. string.gsub(first, "\n", " ") .. "\n")
              end
            end
            """;
    }

    /// <summary>Reads wrk's report: <c>Requests/sec</c>, the 50% and 99% lines of the latency distribution, and the script's counts.</summary>
    internal static WrkResult Parse(string output, int connections, int rows)
    {
        var rate = RequestsPerSecondLine().Match(output);
        var counts = CountsLine().Match(output);
        if (!rate.Success || !counts.Success)
        {
            throw new InvalidOperationException($"Unexpected wrk output:\n{output}");
        }

        var failure = FailureLine().Match(output);
        return new WrkResult(
            connections,
            rows,
            long.Parse(counts.Groups["requests"].Value, CultureInfo.InvariantCulture),
            double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50"),
            Percentile(output, "99"),
            long.Parse(counts.Groups["non2xx"].Value, CultureInfo.InvariantCulture),
            long.Parse(counts.Groups["socket"].Value, CultureInfo.InvariantCulture),
            failure.Success ? failure.Groups["failure"].Value.Trim() : null);
    }

    /// <summary>A latency line of the distribution (<c>     50%  412.00us</c>) in milliseconds; NaN when wrk printed none (the warm-up).</summary>
    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s*{percent}%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    private static async Task<string> RunChecked(
        string script, Uri url, int threads, int connections, TimeSpan duration, bool latency, CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "-t", threads.ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s",
            "--timeout", "10s",
            "-s", script,
        };
        if (latency)
        {
            arguments.Add("--latency");
        }

        arguments.Add(url.ToString());
        var (exitCode, output) = await RunAsync(arguments, cancellationToken);
        return exitCode == 0 ? output : throw new InvalidOperationException($"wrk exited with code {exitCode}:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^Requests/sec:\s+(?<rate>[\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^slipway-wrk requests=(?<requests>\d+) non2xx=(?<non2xx>\d+) socket_errors=(?<socket>\d+)", RegexOptions.Multiline)]
    private static partial Regex CountsLine();

    [GeneratedRegex(@"^slipway-wrk first_failure=(?<failure>.*)$", RegexOptions.Multiline)]
    private static partial Regex FailureLine();
}
