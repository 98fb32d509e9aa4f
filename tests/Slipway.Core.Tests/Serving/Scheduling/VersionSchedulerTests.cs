using Microsoft.Extensions.Time.Testing;
using Slipway.Core.Serving;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Scheduling;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Tests.Serving.Scheduling;

public sealed class VersionSchedulerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeModel model = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServingMetrics metrics = new();

    public void Dispose() => model.Dispose();

    private VersionScheduler Scheduler(SchedulerOptions? options = null, FakeModel? with = null) =>
        new(with ?? model, options ?? new SchedulerOptions { Executors = 1 }, time, metrics, "income", "3");

    private static WorkItem Item(double[] values, Tier tier = Tier.Standard, string caller = "a", long deadline = long.MaxValue, bool shadow = false) =>
        new(FakeModel.Input(values), tier, caller, deadline, shadow) { Deployment = "income" };

    private static WorkItem Item(double value, Tier tier = Tier.Standard, string caller = "a", bool shadow = false) => Item([value], tier, caller, shadow: shadow);

    /// <summary>Starts a run of <paramref name="value"/> that holds the only executor until the model is released.</summary>
    private async Task<Task<WorkResult>> OccupyAsync(VersionScheduler scheduler, double value = 1000)
    {
        model.Hold();
        var running = scheduler.SubmitAsync(Item(value, Tier.Critical, "blocker"));
        Assert.True(await model.Entered.WaitAsync(Patience));
        return running;
    }

    private static double[] Y(WorkResult result) => (double[])Assert.Single(result.Outputs!).Data;

    [Fact]
    public async Task At_low_load_a_request_runs_at_once_alone()
    {
        using var scheduler = Scheduler();

        var result = await scheduler.SubmitAsync(Item([1, 2, 3])).WaitAsync(Patience);

        Assert.Null(result.Error);
        Assert.Equal([2.0, 4, 6], Y(result));
        Assert.Equal(3, result.BatchRows);
        Assert.Equal(1, result.Chunks);
        Assert.Equal(TimeSpan.Zero, result.QueueTime);
        Assert.Equal([3], model.BatchSizes);
    }

    [Fact]
    public async Task Under_load_queued_requests_merge_up_to_the_max_batch_size_and_each_gets_its_own_rows()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 4 });
        var blocker = await OccupyAsync(scheduler);

        var submitted = Enumerable.Range(1, 10).Select(i => scheduler.SubmitAsync(Item(i, caller: "c" + (i % 3)))).ToArray();
        model.Release();
        var results = await Task.WhenAll(submitted).WaitAsync(Patience);
        await blocker.WaitAsync(Patience);

        Assert.Equal([1, 4, 4, 2], model.BatchSizes);
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Null(results[i].Error);
            Assert.Equal([2.0 * (i + 1)], Y(results[i]));
        }

        Assert.Equal(4, results[0].BatchRows);
        Assert.Equal(4, metrics.BatchExecutions.WithLabels("income", "3").Value);
    }

    [Fact]
    public async Task Multi_row_requests_merge_by_rows_and_are_sliced_back_in_order()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 8 });
        var blocker = await OccupyAsync(scheduler);

        var a = scheduler.SubmitAsync(Item([1, 2, 3]));
        var b = scheduler.SubmitAsync(Item([10, 20], caller: "b"));
        var c = scheduler.SubmitAsync(Item([100, 200, 300]));
        var d = scheduler.SubmitAsync(Item([7, 8]));
        model.Release();
        var results = await Task.WhenAll(blocker, a, b, c, d).WaitAsync(Patience);

        Assert.Equal([1, 8, 2], model.BatchSizes);
        Assert.Equal([2.0, 4, 6], Y(results[1]));
        Assert.Equal([20.0, 40], Y(results[2]));
        Assert.Equal([200.0, 400, 600], Y(results[3]));
        Assert.Equal([14.0, 16], Y(results[4]));
    }

    [Fact]
    public async Task A_request_above_the_max_batch_size_runs_as_chunks_reassembled_in_order()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 64 });
        var values = Enumerable.Range(0, 200).Select(i => (double)i).ToArray();

        var result = await scheduler.SubmitAsync(Item(values)).WaitAsync(Patience);

        Assert.Null(result.Error);
        Assert.Equal(4, result.Chunks);
        Assert.Equal([64, 64, 64, 8], model.BatchSizes);
        Assert.Equal(values.Select(v => v * 2), Y(result));
        Assert.Equal([200L], result.Outputs![0].Shape);
    }

    [Fact]
    public async Task A_failed_chunk_fails_the_whole_request()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 4 });
        double[] values = [1, 2, 3, 4, 5, FakeModel.Poison, 7, 8, 9, 10];

        var result = await scheduler.SubmitAsync(Item(values)).WaitAsync(Patience);

        Assert.Equal(500, result.Error!.Status);
        Assert.Equal(ServingErrorCodes.InferenceFailed, result.Error.Code);
        Assert.Null(result.Outputs);
        Assert.Equal([4, 4], model.BatchSizes);
    }

    [Fact]
    public async Task A_poisoned_request_in_a_merged_batch_fails_alone_while_the_others_succeed()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 64 });
        var blocker = await OccupyAsync(scheduler);

        var submitted = new[] { 1.0, 2, FakeModel.Poison, 4, 5, 6, 7 }.Select((v, i) => scheduler.SubmitAsync(Item(v, caller: "c" + i))).ToArray();
        model.Release();
        var results = await Task.WhenAll(submitted).WaitAsync(Patience);
        await blocker.WaitAsync(Patience);

        var poisoned = results[2];
        Assert.Equal(500, poisoned.Error!.Status);
        Assert.Equal(ServingErrorCodes.InferenceFailed, poisoned.Error.Code);
        Assert.NotNull(poisoned.ErrorId);
        Assert.Contains(poisoned.ErrorId, poisoned.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", poisoned.Error.Message, StringComparison.Ordinal);
        foreach (var (result, value) in results.Zip(new[] { 1.0, 2, 0, 4, 5, 6, 7 }).Where((_, i) => i != 2))
        {
            Assert.Null(result.Error);
            Assert.Equal([value * 2], Y(result));
        }

        Assert.True(metrics.BatchIsolationRetries.WithLabels("income", "3").Value >= 7);
        Assert.Equal(7, model.BatchSizes.Skip(1).First());
    }

    [Fact]
    public async Task Tiers_are_served_in_strict_priority_order()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 1 });
        var blocker = await OccupyAsync(scheduler);

        var submitted = new[]
        {
            scheduler.SubmitAsync(Item(3, Tier.Sheddable)),
            scheduler.SubmitAsync(Item(2, Tier.Standard)),
            scheduler.SubmitAsync(Item(1, Tier.Critical)),
        };
        model.Release();
        await Task.WhenAll(submitted.Append(blocker)).WaitAsync(Patience);

        Assert.Equal([1000.0, 1, 2, 3], model.Values);
    }

    [Fact]
    public async Task A_request_waiting_longer_than_the_aging_period_is_promoted_one_tier()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 1, AgingMs = 200 });
        var blocker = await OccupyAsync(scheduler);

        var sheddable = scheduler.SubmitAsync(Item(3, Tier.Sheddable));
        var standard = scheduler.SubmitAsync(Item(2, Tier.Standard));
        time.Advance(TimeSpan.FromMilliseconds(300));
        var critical = scheduler.SubmitAsync(Item(1, Tier.Critical));
        model.Release();
        await Task.WhenAll(blocker, sheddable, standard, critical).WaitAsync(Patience);

        // The standard request ranks as critical after 300 ms and is older; the sheddable one ranks only as standard.
        Assert.Equal([1000.0, 2, 1, 3], model.Values);
    }

    [Fact]
    public async Task Callers_of_one_tier_take_turns()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 1 });
        var blocker = await OccupyAsync(scheduler);

        var submitted = new[]
        {
            scheduler.SubmitAsync(Item(1, caller: "busy")),
            scheduler.SubmitAsync(Item(2, caller: "busy")),
            scheduler.SubmitAsync(Item(3, caller: "busy")),
            scheduler.SubmitAsync(Item(11, caller: "quiet")),
            scheduler.SubmitAsync(Item(21, caller: "other")),
        };
        model.Release();
        await Task.WhenAll(submitted.Append(blocker)).WaitAsync(Patience);

        Assert.Equal([1000.0, 1, 11, 21, 2, 3], model.Values);
    }

    [Fact]
    public async Task A_full_queue_refuses_with_queue_full_and_a_retry_after()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxQueue = 2 });
        var blocker = await OccupyAsync(scheduler);
        var queued = new[] { scheduler.SubmitAsync(Item(1)), scheduler.SubmitAsync(Item(2)) };

        var refused = await scheduler.SubmitAsync(Item(3)).WaitAsync(Patience);

        Assert.Equal(503, refused.Error!.Status);
        Assert.Equal(ServingErrorCodes.QueueFull, refused.Error.Code);
        Assert.InRange(refused.Error.RetryAfterSeconds!.Value, 1, 30);
        Assert.Equal(2, scheduler.QueuedRequests);
        Assert.Equal(1, metrics.Rejections.WithLabels("income", "standard", "queue_full").Value);
        model.Release();
        await Task.WhenAll(queued.Append(blocker)).WaitAsync(Patience);
        Assert.DoesNotContain(3.0, model.Values);
    }

    [Fact]
    public async Task A_critical_arrival_at_a_full_queue_sheds_the_newest_sheddable_request()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxQueue = 3, MaxBatchSize = 1 });
        var blocker = await OccupyAsync(scheduler);
        var olderSheddable = scheduler.SubmitAsync(Item(1, Tier.Sheddable));
        var newerSheddable = scheduler.SubmitAsync(Item(2, Tier.Sheddable));
        var standard = scheduler.SubmitAsync(Item(3, Tier.Standard));

        var critical = scheduler.SubmitAsync(Item(4, Tier.Critical));
        var shed = await newerSheddable.WaitAsync(Patience);
        model.Release();
        await Task.WhenAll(blocker, olderSheddable, standard, critical).WaitAsync(Patience);

        Assert.Equal(ServingErrorCodes.Shed, shed.Error!.Code);
        Assert.Equal(503, shed.Error.Status);
        Assert.True(shed.Error.RetryAfterSeconds >= 1);
        Assert.Null((await critical).Error);
        Assert.Null((await olderSheddable).Error);
        Assert.Equal([1000.0, 4, 3, 1], model.Values);
    }

    [Fact]
    public async Task Shadow_copies_are_shed_before_any_primary_request()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxQueue = 2, MaxBatchSize = 1 });
        var blocker = await OccupyAsync(scheduler);
        var shadow = scheduler.SubmitAsync(Item(1, Tier.Sheddable, shadow: true));
        var sheddable = scheduler.SubmitAsync(Item(2, Tier.Sheddable));

        var standard = scheduler.SubmitAsync(Item(3, Tier.Standard));

        Assert.Equal(ServingErrorCodes.Shed, (await shadow.WaitAsync(Patience)).Error!.Code);
        model.Release();
        await Task.WhenAll(blocker, sheddable, standard).WaitAsync(Patience);
        Assert.Null((await sheddable).Error);
    }

    [Fact]
    public async Task A_standard_arrival_never_pushes_out_another_standard_request()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxQueue = 1 });
        var blocker = await OccupyAsync(scheduler);
        var queued = scheduler.SubmitAsync(Item(1, Tier.Standard));

        var refused = await scheduler.SubmitAsync(Item(2, Tier.Standard)).WaitAsync(Patience);

        Assert.Equal(ServingErrorCodes.QueueFull, refused.Error!.Code);
        Assert.False(queued.IsCompleted);
        model.Release();
        Assert.Null((await queued.WaitAsync(Patience)).Error);
        await blocker.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_projected_wait_above_the_tiers_limit_sheds_sheddable_arrivals_while_critical_ones_queue()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 1, SheddableMaxWaitMs = 100, StandardMaxWaitMs = 500 });
        scheduler.ObserveRun(1, TimeSpan.FromMilliseconds(50));
        var blocker = await OccupyAsync(scheduler);
        var queued = Enumerable.Range(1, 3).Select(i => scheduler.SubmitAsync(Item(i, Tier.Critical))).ToArray();

        var sheddable = await scheduler.SubmitAsync(Item(10, Tier.Sheddable)).WaitAsync(Patience);
        var standard = scheduler.SubmitAsync(Item(20, Tier.Standard));
        var critical = scheduler.SubmitAsync(Item(30, Tier.Critical));

        Assert.Equal(ServingErrorCodes.Shed, sheddable.Error!.Code);
        Assert.Equal(1, sheddable.Error.RetryAfterSeconds);
        Assert.Equal(1, metrics.Rejections.WithLabels("income", "sheddable", "shed").Value);
        model.Release();
        var answered = await Task.WhenAll(queued.Append(standard).Append(critical).Append(blocker)).WaitAsync(Patience);
        Assert.All(answered, result => Assert.Null(result.Error));
        Assert.DoesNotContain(10.0, model.Values);
    }

    [Fact]
    public async Task A_deadline_passing_while_queued_answers_504_and_the_model_never_sees_the_request()
    {
        using var scheduler = Scheduler();
        var blocker = await OccupyAsync(scheduler);
        var deadline = WorkItem.DeadlineAfter(time, TimeSpan.FromSeconds(1));
        var late = scheduler.SubmitAsync(Item([42], deadline: deadline));

        time.Advance(TimeSpan.FromSeconds(2));
        var result = await late.WaitAsync(Patience);
        model.Release();
        await blocker.WaitAsync(Patience);

        Assert.Equal(504, result.Error!.Status);
        Assert.Equal(ServingErrorCodes.DeadlineExceeded, result.Error.Code);
        Assert.Equal(0, scheduler.QueuedRequests);
        Assert.DoesNotContain(42.0, model.Values);
        Assert.Equal(1, metrics.Rejections.WithLabels("income", "standard", "deadline").Value);
    }

    [Fact]
    public async Task A_deadline_the_run_time_estimate_cannot_meet_answers_504_without_running()
    {
        using var scheduler = Scheduler();
        scheduler.ObserveRun(1, TimeSpan.FromSeconds(2));

        var result = await scheduler.SubmitAsync(Item([42], deadline: WorkItem.DeadlineAfter(time, TimeSpan.FromSeconds(1)))).WaitAsync(Patience);

        Assert.Equal(ServingErrorCodes.DeadlineExceeded, result.Error!.Code);
        Assert.Empty(model.Runs);
    }

    [Fact]
    public async Task A_canceled_queued_request_leaves_the_queue_and_never_runs()
    {
        using var scheduler = Scheduler();
        var blocker = await OccupyAsync(scheduler);
        using var cancellation = new CancellationTokenSource();
        var canceled = scheduler.SubmitAsync(new WorkItem(FakeModel.Input(42), Tier.Standard, "a", long.MaxValue, CancellationToken: cancellation.Token));

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.WaitAsync(Patience));
        model.Release();
        await blocker.WaitAsync(Patience);

        Assert.Equal(0, scheduler.QueuedRequests);
        Assert.DoesNotContain(42.0, model.Values);
    }

    [Fact]
    public async Task Without_batching_requests_run_one_by_one()
    {
        using var unbatchable = new FakeModel(batchable: false);
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1 }, unbatchable);
        unbatchable.Hold();
        var first = scheduler.SubmitAsync(Item(1));
        Assert.True(await unbatchable.Entered.WaitAsync(Patience));

        var rest = Enumerable.Range(2, 3).Select(i => scheduler.SubmitAsync(Item(i))).ToArray();
        unbatchable.Release();
        await Task.WhenAll(rest.Append(first)).WaitAsync(Patience);

        Assert.Equal([1, 1, 1, 1], unbatchable.BatchSizes);
    }

    [Fact]
    public async Task Inputs_with_different_non_batch_dims_are_not_merged()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1 });
        var blocker = await OccupyAsync(scheduler);
        var wide = new InferenceBatch(1, [new Tensor("x", TensorType.Fp64, [1, 2], new double[] { 5, 6 })]);

        var a = scheduler.SubmitAsync(Item(1));
        var b = scheduler.SubmitAsync(new WorkItem(wide, Tier.Standard, "a", long.MaxValue));
        var c = scheduler.SubmitAsync(Item(2));
        model.Release();
        await Task.WhenAll(blocker, a, b, c).WaitAsync(Patience);

        Assert.Equal([[1000.0], [1.0], [5.0, 6], [2.0]], model.Runs);
    }

    [Fact]
    public async Task Draining_finishes_queued_work_then_refuses_new_requests()
    {
        using var scheduler = Scheduler();
        var blocker = await OccupyAsync(scheduler);
        var queued = scheduler.SubmitAsync(Item(1));

        var drained = scheduler.DrainAsync();
        Assert.False(drained.IsCompleted);
        var refused = await scheduler.SubmitAsync(Item(2)).WaitAsync(Patience);
        model.Release();
        await drained.WaitAsync(Patience);

        Assert.Equal(ServingErrorCodes.ModelNotReady, refused.Error!.Code);
        Assert.True(queued.IsCompleted);
        Assert.Null((await queued).Error);
        await blocker.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_queue_delay_waits_for_a_fuller_batch_until_the_oldest_request_has_waited_it()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1, MaxBatchSize = 3, MaxQueueDelayMs = 5 });

        var a = scheduler.SubmitAsync(Item(1));
        var b = scheduler.SubmitAsync(Item(2));
        Assert.Equal(2, scheduler.QueuedRequests);
        time.Advance(TimeSpan.FromMilliseconds(5));
        await Task.WhenAll(a, b).WaitAsync(Patience);
        var c = scheduler.SubmitAsync(Item(3));
        var d = scheduler.SubmitAsync(Item(4));
        var e = scheduler.SubmitAsync(Item(5));
        await Task.WhenAll(c, d, e).WaitAsync(Patience);

        Assert.Equal([2, 3], model.BatchSizes);
    }

    [Fact]
    public async Task The_run_time_estimate_follows_rows_and_feeds_the_queue_figures()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1 });
        scheduler.ObserveRun(1, TimeSpan.FromMilliseconds(2));
        scheduler.ObserveRun(64, TimeSpan.FromMilliseconds(65));
        var blocker = await OccupyAsync(scheduler);
        var queued = scheduler.SubmitAsync(Item([1, 2, 3]));

        Assert.Equal(3, scheduler.QueuedRows);
        Assert.InRange(scheduler.EstimatedRunTime(1).TotalMilliseconds, 1.9, 2.1);
        Assert.InRange(scheduler.EstimatedRunTime(64).TotalMilliseconds, 64.9, 65.1);
        model.Release();
        await Task.WhenAll(blocker, queued).WaitAsync(Patience);
    }
    [Fact]
    public async Task Concurrent_submitters_on_several_executors_each_get_their_own_rows()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 4, MaxBatchSize = 16, MaxQueue = 10_000 });

        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Task.Run(async () =>
        {
            var values = new double[] { i, i + 0.5, i + 0.25 }[..(1 + (i % 3))];
            var result = await scheduler.SubmitAsync(Item(values, caller: "c" + (i % 7)));
            return (values, result);
        }))).WaitAsync(Patience);

        foreach (var (values, result) in results)
        {
            Assert.Null(result.Error);
            Assert.Equal(values.Select(v => v * 2), Y(result));
        }

        Assert.Equal(results.Sum(r => r.values.Length), model.BatchSizes.Sum());
        Assert.All(model.BatchSizes, size => Assert.InRange(size, 1, 16));
        Assert.Equal(0, scheduler.QueuedRequests);
    }

    [Fact]
    public async Task Raising_the_executor_count_starts_queued_work_at_once()
    {
        using var scheduler = Scheduler(new SchedulerOptions { Executors = 1 });
        var blocker = await OccupyAsync(scheduler);
        var queued = scheduler.SubmitAsync(Item(1));

        scheduler.UpdateOptions(scheduler.Options with { Executors = 2 });

        Assert.True(await model.Entered.WaitAsync(Patience));
        model.Release();
        await Task.WhenAll(blocker, queued).WaitAsync(Patience);
    }
}
