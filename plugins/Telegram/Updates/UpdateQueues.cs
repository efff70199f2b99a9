using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Plugins.Telegram.Sending;
using PluginBot.Plugins.Telegram.Storage;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// One queue per conversation (chat, or forum topic): a conversation's updates run in order, different conversations
/// run at the same time, up to <see cref="TelegramSettings.MaxConcurrentConversations"/>. There is no global lock, so
/// one user's slow command never holds up another's. A handled update leaves the inbox.
/// </summary>
internal sealed partial class UpdateQueues(UpdateHandler handler, IServiceScopeFactory scopes, TelegramSettings settings, ILogger<UpdateQueues> logger)
    : IAsyncDisposable
{
    private readonly ILogger<UpdateQueues> _logger = logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<ChatTarget, Queue<Update>> _queues = [];
    private readonly SemaphoreSlim _slots = new(settings.MaxConcurrentConversations);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _drains = [];
    private readonly HashSet<int> _known = [];
    private int _waiting;

    /// <summary>How many conversations have updates waiting or running.</summary>
    public int Busy
    {
        get
        {
            lock (_gate)
            {
                return _queues.Count;
            }
        }
    }

    public void Enqueue(Update update)
    {
        var key = QueueOf(update);
        lock (_gate)
        {
            // Stopping: it stays in the inbox for the next start. Known: queued already (an inbox leftover that a
            // webhook delivery or the start-up scan brought twice).
            if (_stopping.IsCancellationRequested || !_known.Add(update.Id))
            {
                return;
            }

            if (_queues.TryGetValue(key, out var queue))
            {
                queue.Enqueue(update);
                return;
            }

            _queues[key] = new Queue<Update>([update]);
            _drains.RemoveAll(t => t.IsCompleted);
            _drains.Add(Task.Run(() => DrainAsync(key)));
        }
    }

    /// <summary>
    /// Stops taking updates and waits for those running (cut short at shutdown's deadline). Called when the host stops,
    /// while the services the handlers need still exist; what did not run stays in the inbox.
    /// </summary>
    public async Task StopAsync()
    {
        Task[] drains;
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
            }

            drains = [.. _drains];
        }

        await Task.WhenAll(drains);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
        _slots.Dispose();
    }

    /// <summary>Conversations waiting for a slot.</summary>
    private int Waiting => Volatile.Read(ref _waiting);

    private async Task DrainAsync(ChatTarget key)
    {
        var stopping = _stopping.Token;
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _queues.Remove(key);
            }

            return;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var held = true;
        try
        {
            while (true)
            {
                Update next;
                lock (_gate)
                {
                    var queue = _queues[key];
                    if (queue.Count == 0 || stopping.IsCancellationRequested)
                    {
                        _queues.Remove(key);
                        return;
                    }

                    next = queue.Dequeue();
                }

                // An update cut short by shutdown stays in the inbox; one that ran to the end leaves it.
                if (await handler.HandleAsync(next, stopping))
                {
                    await MarkHandledAsync(next.Id);
                    lock (_gate)
                    {
                        _known.Remove(next.Id);
                    }
                }

                // Take turns: a busy conversation goes to the back of the line when others wait for a slot.
                if (_slots.CurrentCount == 0 && Waiting > 0)
                {
                    _slots.Release();
                    held = false;
                    Interlocked.Increment(ref _waiting);
                    try
                    {
                        await _slots.WaitAsync(stopping);
                        held = true;
                    }
                    catch (OperationCanceledException)
                    {
                        return; // shutting down: what is left stays in the inbox
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _waiting);
                    }
                }
            }
        }
        finally
        {
            if (held)
            {
                _slots.Release();
            }
        }
    }

    /// <summary>Which queue an update joins: its chat and forum topic; a press on a message too old to be sent along, its presser's chat.</summary>
    private static ChatTarget QueueOf(Update update) =>
        (update.Message ?? update.EditedMessage ?? update.CallbackQuery?.Message as Message) is { } message ? ChatTarget.Of(message)
        : update.StoppedMessageGeneration is { } stopped ? new ChatTarget(stopped.Chat.Id, stopped.MessageThreadId)
        : new ChatTarget(update.CallbackQuery?.From.Id ?? 0, null);

    private async Task MarkHandledAsync(int updateId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<UpdateInbox>().MarkHandledAsync(updateId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogInboxCleanupFailed(ex, updateId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Update {UpdateId} was handled but stays in the inbox; it will be handled again after a restart")]
    private partial void LogInboxCleanupFailed(Exception exception, int updateId);
}
