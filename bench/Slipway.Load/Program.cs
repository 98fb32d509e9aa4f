using Slipway.Load;
using Slipway.Load.Hosting;

if (args is [MinimalServer.Verb, ..])
{
    return await MinimalServer.RunAsync(args[1..]);
}

var options = LoadOptions.Parse(args, Console.Error);
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

return await LoadRun.RunAsync(options, Console.Out, cancellation.Token);
