using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions.Operations;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Operations;

/// <summary>
/// Gauges of the task table (meter <c>PluginBot.Tasks</c>): tasks by state and the queue's depth, read at scrape time
/// at most every few seconds. A hosted service only so that it exists (and its gauges are published) from the start.
/// </summary>
internal sealed class TasksMetrics : IHostedService, IDisposable
{
    public const string MeterName = MetricNames.MeterPrefix + "Tasks";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Meter _meter;
    private (IReadOnlyDictionary<TaskState, int> Counts, long At)? _last;

    public TasksMetrics(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider time)
    {
        (_scopes, _time) = (scopes, time);
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge(MetricNames.Tasks, () => Counts()
            .Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("state", c.Key.Describe().Replace(' ', '_')))),
            "{task}", "Tasks in each state.");
        _meter.CreateObservableGauge(MetricNames.TaskQueueDepth, () => Counts().Where(c => c.Key is TaskState.Queued or TaskState.Interrupted).Sum(c => c.Value),
            "{task}", "Tasks waiting for a worker: queued, or interrupted and waiting to resume.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _meter.Dispose();

    private IReadOnlyDictionary<TaskState, int> Counts()
    {
        lock (_gate)
        {
            // A clock that went back (a test clock, a changed system clock) makes the reading stale, not eternal.
            if (_last is { } last && _time.GetElapsedTime(last.At) is var age && age >= TimeSpan.Zero && age < Lifetime)
            {
                return last.Counts;
            }

            var counts = Enum.GetValues<TaskState>().ToDictionary(s => s, _ => 0);
            try
            {
                using var scope = _scopes.CreateScope();
                foreach (var row in scope.ServiceProvider.GetRequiredService<TasksDbContext>().Tasks.AsNoTracking()
                    .GroupBy(t => t.Status).Select(g => new { State = g.Key, Count = g.Count() }).ToList())
                {
                    counts[row.State] = row.Count;
                }
            }
            catch (System.Data.Common.DbException)
            {
                return counts; // a busy or missing database must not fail the scrape; readiness reports it
            }

            _last = (counts, _time.GetTimestamp());
            return counts;
        }
    }
}
