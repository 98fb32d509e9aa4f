namespace Slipway.Serving.Bench;

/// <summary>
/// The seam for the end-to-end part: the same model deployed on a running Slipway server, driven by <c>wrk</c> (Debian's
/// package) on loopback at 1 and 32 connections, 1-row and 64-row requests, with batching on. It returns figures with
/// <see cref="ServingFigure.Path"/> <c>"http"</c>, which <see cref="ServingReport"/> sets next to the in-process figure of
/// the same engine, batch size and concurrency and prints the ratio of rows per second.
/// </summary>
internal static class HttpBenchmark
{
    /// <summary>
    /// Not built yet: the server's inference endpoints land with the model host. To add it: start the server (as
    /// <c>bench/Slipway.Load</c> does), register <paramref name="models"/>' packages, create a deployment per engine, then
    /// for each cell run <c>wrk -t N -c N -d duration -s post.lua</c> against <c>/v2/models/{dep}/infer</c> and parse
    /// requests/s and the latency distribution (<c>--latency</c>).
    /// </summary>
    public static Task<IReadOnlyList<ServingFigure>> RunAsync(BenchModels models, ServingBenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        output.WriteLine("HTTP (wrk) part: not built yet; only the in-process baseline was measured.");
        return Task.FromResult<IReadOnlyList<ServingFigure>>([]);
    }
}
