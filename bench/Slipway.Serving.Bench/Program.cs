using Slipway.Core.Serving.Runtime;
using Slipway.Serving.Bench;

var options = ServingBenchOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

Console.WriteLine($"Serving benchmark on {Environment.ProcessorCount} cores, {options.Duration.TotalSeconds:F0} s per cell. Training the adult-census model…");
using var models = await BenchModels.CreateAsync(cancellation.Token);

IModelRuntime[] runtimes = [new OnnxModelRuntime(), new MlnetModelRuntime()];
var inProcess = new List<ServingFigure>();
var coldStarts = new List<ColdStart>();
foreach (var runtime in runtimes)
{
    var package = runtime.Flavor == OnnxModelRuntime.FlavorName ? models.Onnx : models.Mlnet;
    var (model, coldStart) = InProcessBaseline.Load(runtime, package);
    coldStarts.Add(coldStart);
    using (model)
    {
        foreach (var rows in ServingBenchOptions.BatchSizes)
        {
            var batches = models.Batches(model.Schema, rows, count: 32);
            foreach (var threads in ServingBenchOptions.Concurrency)
            {
                cancellation.Token.ThrowIfCancellationRequested();
                var figure = InProcessBaseline.Measure(runtime.Flavor, model, batches, threads, options.Warmup, options.Duration);
                Console.WriteLine($"  in-process {figure.Engine,-5} {rows,3} rows × {threads,2} callers: {figure.RowsPerSecond,12:N0} rows/s, p50 {figure.P50Milliseconds:F3} ms, p99 {figure.P99Milliseconds:F3} ms");
                inProcess.Add(figure);
            }
        }
    }
}

IReadOnlyList<ServingFigure> http = options.Http
    ? await HttpBenchmark.RunAsync(models, options, Console.Out, cancellation.Token)
    : [];

var report = ServingReport.Markdown(inProcess, http, coldStarts);
Console.WriteLine();
Console.WriteLine(report);
if (options.OutputPath is not null)
{
    await File.WriteAllTextAsync(options.OutputPath, report, cancellation.Token);
}

return 0;
