using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Mediator;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Events;

/// <summary>
/// Delivers committed outbox entries to their handlers (at least once): on a commit signal, every few seconds,
/// at start (entries left by a crash) and once more on shutdown.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    NotificationHandlerCatalog catalog,
    IsolatedEventPublisher publisher,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private const int MaxAttempts = 10;
    private readonly SemaphoreSlim _dispatching = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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

    /// <summary>Delivers every pending entry; returns how many were delivered.</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await _dispatching.WaitAsync(cancellationToken);
        try
        {
            var delivered = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
                var batch = await db.Outbox
                    .Where(o => o.DispatchedAtUtc == null && o.Attempts < MaxAttempts)
                    .OrderBy(o => o.Id)
                    .Take(50)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    return delivered;
                }

                foreach (var entry in batch)
                {
                    await DeliverAsync(entry, cancellationToken);
                    delivered++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            _dispatching.Release();
        }
    }

    private async Task DeliverAsync(OutboxRow entry, CancellationToken cancellationToken)
    {
        entry.Attempts++;
        var type = catalog.FindEventType(entry.EventType);
        if (type is null)
        {
            entry.DispatchedAtUtc = time.GetUtcNow().UtcDateTime;
            entry.LastError = "no handler for this event type";
            return;
        }

        try
        {
            var notification = (INotification)JsonSerializer.Deserialize(entry.PayloadJson, type, Outbox.Json)!;
            await publisher.PublishAsync(notification, Actor.System("outbox"), cancellationToken);
            entry.DispatchedAtUtc = time.GetUtcNow().UtcDateTime;
        }
        catch (JsonException ex)
        {
            entry.LastError = ex.Message;
            logger.LogError(ex, "Outbox entry {Id} ({Type}) cannot be read; attempt {Attempt} of {Max}", entry.Id, entry.EventType, entry.Attempts, MaxAttempts);
        }
    }
}
