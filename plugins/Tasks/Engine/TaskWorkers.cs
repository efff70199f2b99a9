using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// The workers: at start, tasks this instance held when it last stopped are marked interrupted at once; then queued
/// and interrupted tasks are claimed while there is room, leases are renewed, runs that lost their task or went idle
/// are stopped, and waiting tasks are released. On shutdown every run is stopped and its task released to resume.
/// </summary>
internal sealed class TaskWorkers(
    IServiceScopeFactory scopes,
    RunningTasks running,
    TaskRunner runner,
    TaskSignal signal,
    InstanceIdentity instance,
    TimeProvider time,
    IOptions<TasksOptions> options,
    ILoopLiveness liveness,
    ILogger<TaskWorkers> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClaimBatchWait = TimeSpan.FromMilliseconds(20);
    private readonly TasksOptions _options = options.Value;
    private readonly List<Task> _runs = [];
    private readonly Lock _runsLock = new();
    private volatile bool _stopping;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var interrupted = await scope.ServiceProvider.GetRequiredService<TaskQueue>().TakeBackAsync(instance.Id, ownAtStart: true, [], cancellationToken);
            logger.LogInformation("Task workers on {Instance}: {Interrupted} interrupted task(s) to resume, {Workers} worker(s)", instance, interrupted, _options.Workers);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leases = KeepLeasesAsync(stoppingToken);
        var maintained = DateTimeOffset.MinValue;
        using var beat = liveness.Register("tasks:workers", TimeSpan.FromMinutes(3)); // a turn takes a second or a few queries
        while (!stoppingToken.IsCancellationRequested)
        {
            beat.Beat();
            try
            {
                if (time.GetUtcNow() - maintained >= PollInterval)
                {
                    await MaintainAsync(stoppingToken);
                    maintained = time.GetUtcNow();
                }

                await ClaimAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The task queue failed; trying again in {Interval}", PollInterval);
                await Task.Delay(PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await leases;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // First stop claiming, so the tasks the runs release below are not claimed again by this process.
        _stopping = true;
        await base.StopAsync(cancellationToken);
        foreach (var run in running.All)
        {
            run.Stop(StopReason.Shutdown);
        }

        Task[] runs;
        lock (_runsLock)
        {
            runs = [.. _runs];
        }

        // Each run releases its task as it ends; one still going when the host gives up resumes after its lease.
        await Task.WhenAll(runs).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task MaintainAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<TaskQueue>();
        await queue.TakeBackAsync(instance.Id, ownAtStart: false, running.Ids, cancellationToken);
        await queue.ReleaseWaitingAsync(instance.Id, cancellationToken);
    }

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        // Under load slots free up one at a time; a moment's wait lets several free up, so one claim takes several.
        if (running.Count > _options.Workers * 3 / 4 && running.Count < _options.Workers)
        {
            await Task.Delay(ClaimBatchWait, cancellationToken);
        }

        while (running.Count < _options.Workers && !_stopping && !cancellationToken.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var claimed = await scope.ServiceProvider.GetRequiredService<TaskQueue>().ClaimAsync(instance.Id, Math.Min(_options.Workers - running.Count, 64), cancellationToken);
            if (claimed.Count == 0)
            {
                return;
            }

            foreach (var task in claimed)
            {
                var run = new RunningTask(task.Id, time, task.RanForMs) { Step = task.Step, HasConversation = task.ChatId is not null };
                if (!running.TryAdd(run))
                {
                    // Cannot happen while only this class claims; never run one task twice if it does.
                    logger.LogError("Task {Task} was claimed while it still runs here; the claim is left to expire", task.Id);
                    run.Dispose();
                    continue;
                }

                lock (_runsLock)
                {
                    _runs.Add(Task.Run(() => RunAsync(task, run), CancellationToken.None));
                }
            }
        }
    }

    private async Task RunAsync(Storage.TaskRow task, RunningTask run)
    {
        try
        {
            await runner.RunAsync(task, run);
        }
        finally
        {
            running.Remove(run);
            run.Dispose();
            lock (_runsLock)
            {
                _runs.RemoveAll(t => t.IsCompleted);
            }

            signal.Notify();
        }
    }

    /// <summary>Renews leases a few times per lease; stops runs whose task was taken from this process or went idle.</summary>
    private async Task KeepLeasesAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Min(_options.LeaseSeconds / 3.0, 5));
        var idle = TimeSpan.FromMinutes(_options.IdleMinutes);
        var longest = (long)TimeSpan.FromMinutes(_options.MaxDurationMinutes).TotalMilliseconds;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var runs = running.All.ToList();
                await using var scope = scopes.CreateAsyncScope();
                var held = await scope.ServiceProvider.GetRequiredService<TaskQueue>().RenewAsync(instance.Id, [.. runs.Select(r => r.Id)], stoppingToken);
                foreach (var run in runs)
                {
                    if (!held.Contains(run.Id))
                    {
                        run.Stop(StopReason.LeaseLost);
                    }
                    else if (run.IdleFor > idle)
                    {
                        run.Stop(StopReason.Idle);
                    }
                    else if (run.RanForMs > longest)
                    {
                        run.Stop(StopReason.TooLong);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Renewing task leases failed; trying again");
            }
        }
    }
}
