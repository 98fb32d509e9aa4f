using Slipway.Load.Hosting;
using Slipway.Load.Measurements;
using Slipway.Load.Reporting;

namespace Slipway.Load;

/// <summary>
/// The whole run: baseline app, then each chosen database, then the tables and bench/results/latest.md; or, with
/// <c>--serving</c>, the serving benchmark alone.
/// </summary>
internal static class LoadRun
{
    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var paths = RepositoryPaths.Find();
        if (paths.Configuration != "Release")
        {
            output.WriteLine("WARNING: a Debug build; run with -c Release for figures that mean something.");
        }

        if (options.Serving)
        {
            return await RunServingAsync(options, paths, output, cancellationToken);
        }

        await paths.EnsureServerBuiltAsync(output, cancellationToken);
        var sizes = options.Sizes;
        var loadBefore = MachineLoad.OneMinuteAverage();
        output.WriteLine($"Slipway load benchmark ({(options.Quick ? "quick" : "full")}): server {paths.ServerDll}");

        output.WriteLine($"[baseline] {MinimalBaseline.Name}: {sizes.Starts} start(s)");
        var minimal = await MinimalBaseline.MeasureAsync(paths, sizes, cancellationToken);
        var batches = new MetricBatches(sizes.MaxBatchesPerClient);

        var results = new List<ProviderResult>();
        if (options.Provider is ProviderChoice.Sqlite or ProviderChoice.Both)
        {
            await using var sqlite = new SqliteBenchDatabase();
            results.Add(await new ProviderBenchmark(sqlite, paths, sizes, minimal, batches, output).RunAsync(cancellationToken));
            output.Write(ConsoleTable.Render(results[^1]));
        }

        if (options.Provider is ProviderChoice.Postgres or ProviderChoice.Both)
        {
            if (PostgresBenchDatabase.AdminConnectionStringFromEnvironment() is { } admin)
            {
                await using var postgres = new PostgresBenchDatabase(admin);
                results.Add(await new ProviderBenchmark(postgres, paths, sizes, minimal, batches, output).RunAsync(cancellationToken));
                output.Write(ConsoleTable.Render(results[^1]));
            }
            else
            {
                var reason = $"set {PostgresBenchDatabase.BenchVariable} or {PostgresBenchDatabase.TestVariable} to an admin connection string";
                output.WriteLine($"[PostgreSQL] skipped: {reason}.");
                results.Add(new ProviderResult("PostgreSQL", [], reason));
            }
        }

        var warning = MachineLoad.Warning(loadBefore, MachineLoad.OneMinuteAverage());
        var markdown = MarkdownReport.Render(results, options.Quick, TimeProvider.System.GetUtcNow(), warning);
        await ResultsFile.WriteMainAsync(paths.ResultsFile, markdown, cancellationToken);
        output.WriteLine();
        output.WriteLine(markdown);
        output.WriteLine($"Written to {Path.GetRelativePath(paths.Root, paths.ResultsFile)}.");
        return 0;
    }

    private static async Task<int> RunServingAsync(LoadOptions options, RepositoryPaths paths, TextWriter output, CancellationToken cancellationToken)
    {
        if (await WrkLoad.VersionAsync(cancellationToken) is not { } wrkVersion)
        {
            output.WriteLine($"The serving benchmark drives the server with wrk, which is not installed. Install Debian's package: {WrkLoad.Install}");
            return 2;
        }

        await paths.EnsureServerBuiltAsync(output, cancellationToken);
        var loadBefore = MachineLoad.OneMinuteAverage();
        output.WriteLine($"Slipway serving benchmark ({(options.Quick ? "quick" : "full")}): server {paths.ServerDll}, {wrkVersion}");
        var result = await new ServingBenchmark(paths, options.Sizes, output).RunAsync(wrkVersion, cancellationToken);
        output.Write(ServingReport.Console(result));

        var warning = MachineLoad.Warning(loadBefore, MachineLoad.OneMinuteAverage());
        var markdown = ServingReport.Markdown(result, options.Quick, TimeProvider.System.GetUtcNow(), warning);
        await ResultsFile.WriteServingAsync(paths.ResultsFile, markdown, cancellationToken);
        output.WriteLine();
        output.WriteLine(markdown);
        output.WriteLine($"Written to {Path.GetRelativePath(paths.Root, paths.ResultsFile)} (the serving section).");
        return 0;
    }
}
