using System.Collections.Concurrent;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Events;
using PluginBot.Host.Events;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Events;

/// <summary>
/// A durable event whose handler fails or times out is retried with a back-off until every handler has had it.
/// The fixture's clock is fake and only these tests move it, and only these tests run the dispatcher, so an attempt
/// happens only when a test makes it due and dispatches.
/// </summary>
[Collection(DrivenOutboxCollection.Name)]
public sealed class OutboxRetryTests(DrivenOutboxFixture host) : HostTest<DrivenOutboxFixture>(host)
{
    private static readonly TimeSpan WellPastAnyBackoff = TimeSpan.FromHours(1);

    private EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    private OutboxDispatcher Dispatcher => Host.Services.GetRequiredService<OutboxDispatcher>();

    [Fact]
    public async Task A_handler_that_fails_once_gets_the_event_on_a_later_attempt()
    {
        var key = Guid.NewGuid().ToString();
        ReportDueScript.FailTimes(key, 1);
        await EnqueueAsync(new ReportDue(key));

        await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        var failed = await RowAsync(key);
        Assert.Null(failed.DispatchedAtUtc);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains(nameof(ReportDueSender), failed.LastError, StringComparison.Ordinal);
        Assert.Contains("network is down", failed.LastError, StringComparison.Ordinal);
        Assert.True(failed.NextAttemptAtUtc > Host.Clock.GetUtcNow().UtcDateTime);

        Host.Clock.Advance(WellPastAnyBackoff);
        await Dispatcher.DispatchPendingAsync(CancellationToken.None);

        var delivered = await RowAsync(key);
        Assert.NotNull(delivered.DispatchedAtUtc);
        Assert.Equal(2, delivered.Attempts);
        Assert.Null(delivered.PendingHandlers);
        Assert.Equal(2, Recorder.Count(nameof(ReportDueSender), key));
        Assert.Equal(1, Recorder.Count(nameof(ReportDueSender) + ".delivered", key));
    }

    [Fact]
    public async Task A_handler_that_succeeded_is_not_run_again_when_another_is_retried()
    {
        var key = Guid.NewGuid().ToString();
        ReportDueScript.FailTimes(key, 2);
        await EnqueueAsync(new ReportDue(key));

        await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(typeof(ReportDueSender).FullName, (await RowAsync(key)).PendingHandlers);
        for (var i = 0; i < 2; i++)
        {
            Host.Clock.Advance(WellPastAnyBackoff);
            await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        }

        Assert.NotNull((await RowAsync(key)).DispatchedAtUtc);
        Assert.Equal(3, Recorder.Count(nameof(ReportDueSender), key));
        Assert.Equal(1, Recorder.Count(nameof(ReportDueAuditor), key));
    }

    [Fact]
    public async Task A_handler_that_times_out_is_retried()
    {
        var key = Guid.NewGuid().ToString();
        ReportDueScript.HangTimes(key, 1);
        await EnqueueAsync(new ReportDue(key));

        await Dispatcher.DispatchPendingAsync(CancellationToken.None); // the fixture's handler time-out is one second
        var timedOut = await RowAsync(key);
        Assert.Null(timedOut.DispatchedAtUtc);
        Assert.Equal(1, timedOut.Attempts);
        Assert.Contains(nameof(ReportDueSender), timedOut.LastError, StringComparison.Ordinal);
        Assert.Contains("did not finish", timedOut.LastError, StringComparison.Ordinal);

        Host.Clock.Advance(WellPastAnyBackoff);
        await Dispatcher.DispatchPendingAsync(CancellationToken.None);

        Assert.NotNull((await RowAsync(key)).DispatchedAtUtc);
        Assert.Equal(1, Recorder.Count(nameof(ReportDueSender) + ".delivered", key));
        Assert.Equal(1, Recorder.Count(nameof(ReportDueAuditor), key));
    }

    [Fact]
    public async Task A_failed_entry_is_not_retried_before_it_is_due()
    {
        var key = Guid.NewGuid().ToString();
        ReportDueScript.FailTimes(key, 1);
        await EnqueueAsync(new ReportDue(key));
        await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        var failed = await RowAsync(key);
        var due = failed.NextAttemptAtUtc!.Value;
        Assert.Equal(OutboxDispatcher.Backoff(1), due - Host.Clock.GetUtcNow().UtcDateTime);

        Host.Clock.Advance(due - Host.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromMilliseconds(1));
        await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(1, Recorder.Count(nameof(ReportDueSender), key));
        Assert.Null((await RowAsync(key)).DispatchedAtUtc);

        Host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(2, Recorder.Count(nameof(ReportDueSender), key));
        Assert.NotNull((await RowAsync(key)).DispatchedAtUtc);
    }

    [Fact]
    public void The_backoff_grows_from_seconds_to_a_few_minutes()
    {
        Assert.InRange(OutboxDispatcher.Backoff(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        for (var attempt = 1; attempt < OutboxDispatcher.MaxAttempts; attempt++)
        {
            Assert.True(OutboxDispatcher.Backoff(attempt + 1) >= OutboxDispatcher.Backoff(attempt));
        }

        Assert.InRange(OutboxDispatcher.Backoff(OutboxDispatcher.MaxAttempts), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));
        Assert.Equal(OutboxDispatcher.Backoff(OutboxDispatcher.MaxAttempts), OutboxDispatcher.Backoff(1000));
    }

    [Fact]
    public async Task A_handler_that_always_fails_is_given_up_after_the_last_attempt_while_the_others_are_delivered_once()
    {
        var broken = Guid.NewGuid().ToString();
        var before = Guid.NewGuid().ToString();
        var after = Guid.NewGuid().ToString();
        ReportDueScript.FailTimes(broken, int.MaxValue);
        await EnqueueAsync(new ReportDue(before), new ReportDue(broken), new ReportDue(after));

        for (var i = 0; i < OutboxDispatcher.MaxAttempts + 3; i++)
        {
            await Dispatcher.DispatchPendingAsync(CancellationToken.None);
            Host.Clock.Advance(WellPastAnyBackoff);
        }

        var row = await RowAsync(broken);
        Assert.Null(row.DispatchedAtUtc);
        Assert.Equal(OutboxDispatcher.MaxAttempts, row.Attempts);
        Assert.Contains(nameof(ReportDueSender), row.LastError, StringComparison.Ordinal);
        Assert.Equal(OutboxDispatcher.MaxAttempts, Recorder.Count(nameof(ReportDueSender), broken));
        Assert.Equal(1, Recorder.Count(nameof(ReportDueAuditor), broken));
        Assert.Single(Host.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("given up", StringComparison.Ordinal) && l.Contains(broken, StringComparison.Ordinal));

        foreach (var key in new[] { before, after })
        {
            Assert.NotNull((await RowAsync(key)).DispatchedAtUtc);
            Assert.Equal(1, Recorder.Count(nameof(ReportDueSender), key));
            Assert.Equal(1, Recorder.Count(nameof(ReportDueAuditor), key));
        }
    }

    [Fact]
    public async Task A_delivery_cut_short_by_shutdown_is_not_counted_as_an_attempt()
    {
        // Only the test dispatches here (see DrivenOutboxFixture), so the dispatch below is the one that takes the entry.
        var key = Guid.NewGuid().ToString();
        ReportDueScript.HangTimes(key, 1);
        await using (var connection = new SqliteConnection(Host.Services.GetRequiredService<SqliteDatabase>().ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO kernel_outbox (DedupeKey, EventType, PayloadJson, EnqueuedAtUtc, Attempts) VALUES ($key, $type, $json, '2026-03-01 11:00:00', 0)";
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$type", typeof(ReportDue).FullName);
            insert.Parameters.AddWithValue("$json", $$"""{"dedupeKey":"{{key}}"}""");
            await insert.ExecuteNonQueryAsync();
        }

        // A commit anywhere else would wake a background dispatcher now and let it take the entry first.
        Host.Services.GetRequiredService<OutboxSignal>().Notify();
        using var stopping = new CancellationTokenSource();
        var dispatch = Dispatcher.DispatchPendingAsync(stopping.Token);
        await Eventually.UntilAsync(() => Recorder.Count(nameof(ReportDueSender), key) == 1);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch);

        var interrupted = await RowAsync(key);
        Assert.Equal(0, interrupted.Attempts);
        Assert.Null(interrupted.DispatchedAtUtc);
        Assert.Null(interrupted.LastError);

        await Dispatcher.DispatchPendingAsync(CancellationToken.None);
        var delivered = await RowAsync(key);
        Assert.NotNull(delivered.DispatchedAtUtc);
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(1, Recorder.Count(nameof(ReportDueSender) + ".delivered", key));
    }

    private async Task EnqueueAsync(params ReportDue[] events)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var durable in events)
        {
            await scope.ServiceProvider.GetRequiredService<IOutbox>().EnqueueAsync(db, durable);
        }

        await transaction.CommitAsync();
    }

    private async Task<OutboxRow> RowAsync(string key)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await scope.ServiceProvider.GetRequiredService<KernelDbContext>().Outbox.AsNoTracking().SingleAsync(o => o.DedupeKey == key);
    }
}

public sealed record ReportDue(string DedupeKey) : IDurableEvent;

/// <summary>How <see cref="ReportDueSender"/> misbehaves for an event key: fail or hang so many times, then succeed.</summary>
public static class ReportDueScript
{
    private static readonly ConcurrentDictionary<string, int> Failures = new();
    private static readonly ConcurrentDictionary<string, int> Hangs = new();

    public static void FailTimes(string key, int times) => Failures[key] = times;

    public static void HangTimes(string key, int times) => Hangs[key] = times;

    internal static bool TakeFailure(string key) => Take(Failures, key);

    internal static bool TakeHang(string key) => Take(Hangs, key);

    private static bool Take(ConcurrentDictionary<string, int> counts, string key)
    {
        while (counts.TryGetValue(key, out var left) && left > 0)
        {
            if (counts.TryUpdate(key, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Stands in for a notifier that sends over the network: records each call, then fails or hangs as scripted.</summary>
public sealed class ReportDueSender(EventRecorder recorder) : INotificationHandler<ReportDue>
{
    public async Task Handle(ReportDue notification, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue((nameof(ReportDueSender), notification.DedupeKey, null));
        if (ReportDueScript.TakeHang(notification.DedupeKey))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (ReportDueScript.TakeFailure(notification.DedupeKey))
        {
            throw new HttpRequestException("network is down");
        }

        recorder.Seen.Enqueue((nameof(ReportDueSender) + ".delivered", notification.DedupeKey, null));
    }
}

/// <summary>A second handler of the same event that always succeeds.</summary>
public sealed class ReportDueAuditor(EventRecorder recorder) : INotificationHandler<ReportDue>
{
    public Task Handle(ReportDue notification, CancellationToken cancellationToken)
    {
        recorder.Seen.Enqueue((nameof(ReportDueAuditor), notification.DedupeKey, null));
        return Task.CompletedTask;
    }
}
