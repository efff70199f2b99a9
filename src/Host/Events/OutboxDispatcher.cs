using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Operations;
using PluginBot.Host.Configuration;
using PluginBot.Host.Mediator;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Events;

/// <summary>
/// Delivers committed outbox entries to their handlers (at least once): on a commit signal, every few seconds,
/// at start (entries left by a crash) and once more on shutdown. An entry is delivered when every handler has
/// succeeded; one that failed or timed out is tried again, alone, after a back-off growing from seconds to
/// minutes, up to <see cref="MaxAttempts"/> attempts.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    NotificationHandlerCatalog catalog,
    IsolatedEventPublisher publisher,
    TimeProvider time,
    ILoopLiveness liveness,
    KernelSettings settings,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Attempts before an entry is given up; it then stays in <c>kernel_outbox</c>, undelivered, with its last error.</summary>
    internal const int MaxAttempts = 10;

    private const int BatchSize = 50;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _dispatching = new(1, 1);
    private ILoopBeat? _beat;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A pass may wait on handlers that time out one after another; beyond that the loop is stuck.
        using var beat = _beat = liveness.Register("kernel:outbox", TimeSpan.FromMinutes(5) + (settings.EventHandlerTimeout * 4));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                beat.Beat();
                await DispatchPendingAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying in {Interval}", PollInterval);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await DispatchPendingAsync(cancellationToken); // flush what committed while stopping
        }
        catch (Exception ex) when (ex is OperationCanceledException or Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LogWarning("Outbox not fully flushed on shutdown; pending events are delivered at next start");
        }
    }

    /// <summary>
    /// The delay before attempt <c>n + 1</c> after <paramref name="attempts"/> = n failed ones: 5 s, doubling, at most 5 min
    /// (ten attempts span about twenty minutes).
    /// </summary>
    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, FirstBackoff.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 16))));

    /// <summary>
    /// Delivers every entry that is due (not delivered, not given up, past its back-off); returns how many were
    /// delivered. Each entry is saved as soon as it has been tried, so an error later in the batch does not deliver the
    /// earlier ones again.
    /// </summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await _dispatching.WaitAsync(cancellationToken);
        try
        {
            var delivered = 0;

            // Due as of the start of this pass: an entry that fails during it is due only after, so each is tried at most once per pass.
            var now = time.GetUtcNow().UtcDateTime;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
                var batch = await db.Outbox
                    .Where(o => o.DispatchedAtUtc == null && o.Attempts < MaxAttempts && (o.NextAttemptAtUtc == null || o.NextAttemptAtUtc <= now))
                    .OrderBy(o => o.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    return delivered;
                }

                foreach (var entry in batch)
                {
                    if (await DeliverAsync(entry, cancellationToken))
                    {
                        delivered++;
                    }

                    // Not cancellable: what was delivered must be recorded even while stopping.
                    await db.SaveChangesAsync(CancellationToken.None);
                    _beat?.Beat();
                }
            }
        }
        finally
        {
            _dispatching.Release();
        }
    }

    /// <summary>
    /// Tries the handlers the entry still owes; true when none is left. A cancelled attempt (shutdown) throws and
    /// leaves the entry as it was: it does not count.
    /// </summary>
    private async Task<bool> DeliverAsync(OutboxRow entry, CancellationToken cancellationToken)
    {
        var type = catalog.FindEventType(entry.EventType);
        if (type is null)
        {
            entry.Attempts++;
            entry.DispatchedAtUtc = time.GetUtcNow().UtcDateTime;
            entry.LastError = "no handler for this event type";
            return true;
        }

        INotification notification;
        try
        {
            notification = (INotification)JsonSerializer.Deserialize(entry.PayloadJson, type, Outbox.Json)!;
        }
        catch (JsonException ex)
        {
            Failed(entry, Trim($"cannot be read: {ex.Message}"), ex);
            return false;
        }

        // PendingHandlers is null until an attempt fails, then names (one a line) the handlers still owed the event.
        var handlers = catalog.HandlersFor(type);
        var pending = entry.PendingHandlers?.Split('\n');
        IReadOnlyList<Type> owed = pending is null ? handlers : [.. handlers.Where(h => pending.Contains(h.FullName))];
        if (owed.Count == 0)
        {
            // The handlers it still owed are gone (their plugin was removed, or renamed them): as for an event type without handlers.
            logger.LogWarning("Outbox entry {Id} ({Type}) was owed to handlers that are no longer registered: {Handlers}", entry.Id, entry.EventType, entry.PendingHandlers);
            entry.Attempts++;
            entry.DispatchedAtUtc = time.GetUtcNow().UtcDateTime;
            entry.LastError = Trim($"handlers no longer registered: {entry.PendingHandlers?.Replace('\n', ' ')}");
            entry.PendingHandlers = null;
            return true;
        }

        // Throws on shutdown before the entry is touched.
        var failures = await publisher.DeliverAsync(notification, Actor.System("outbox"), owed, cancellationToken);
        if (failures.Count == 0)
        {
            entry.Attempts++;
            entry.DispatchedAtUtc = time.GetUtcNow().UtcDateTime;
            entry.NextAttemptAtUtc = null;
            entry.PendingHandlers = null;
            return true;
        }

        // Only the handlers that failed are run again: the others have had the event.
        entry.PendingHandlers = string.Join('\n', failures.Select(f => f.Handler.FullName));
        Failed(entry, Trim(string.Join("; ", failures.Select(f => $"{f.Handler.Name}: {Trim(f.Error, 300)}"))), exception: null);
        return false;
    }

    private void Failed(OutboxRow entry, string error, Exception? exception)
    {
        entry.Attempts++;
        entry.LastError = error;
        if (entry.Attempts >= MaxAttempts)
        {
            entry.NextAttemptAtUtc = null;
            logger.LogError(exception, "Outbox entry {Id} ({Type}, key {DedupeKey}) given up after {Attempts} attempts; it stays undelivered in kernel_outbox: {Error}", entry.Id, entry.EventType, entry.DedupeKey, entry.Attempts, error);
            return;
        }

        var delay = Backoff(entry.Attempts);
        entry.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime + delay;
        logger.LogWarning(exception, "Outbox entry {Id} ({Type}) not delivered, attempt {Attempt} of {Max}; next attempt in {Delay}: {Error}", entry.Id, entry.EventType, entry.Attempts, MaxAttempts, delay, error);
    }

    private static string Trim(string text, int max = 1000)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}
