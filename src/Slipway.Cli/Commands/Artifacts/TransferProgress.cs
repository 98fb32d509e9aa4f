using Slipway.Cli.Output;
using Spectre.Console;

namespace Slipway.Cli.Commands.Artifacts;

/// <summary>
/// A byte progress bar on standard error while a transfer runs, when standard error is a terminal; nothing
/// otherwise, so logs and pipes stay clean.
/// </summary>
internal static class TransferProgress
{
    public static async Task RunAsync(CliOutput output, string description, long totalBytes, Func<IProgress<long>?, Task> transfer)
    {
        if (!output.Error.Profile.Capabilities.Interactive)
        {
            await transfer(null);
            return;
        }

        await output.Error.Progress()
            .AutoClear(true)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(totalBytes, 1));
                await transfer(new TaskProgress(task));
                task.Value = task.MaxValue;
            });
    }

    /// <summary>Adds <paramref name="offset"/> to each running total, for a file within a larger transfer.</summary>
    public static IProgress<long>? Offset(IProgress<long>? progress, long offset) =>
        progress is null ? null : new OffsetProgress(progress, offset);

    /// <summary>Sets the value synchronously: <see cref="Progress{T}"/> would post reports out of order.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }

    private sealed class OffsetProgress(IProgress<long> inner, long offset) : IProgress<long>
    {
        public void Report(long value) => inner.Report(offset + value);
    }
}
