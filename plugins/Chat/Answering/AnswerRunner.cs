using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>
/// Runs answers in the background, so a transport that handles a conversation's updates in order is free for the
/// next one (a /new that stops the answer, for instance). Steps of one conversation run one after the other;
/// different conversations run side by side. Each answer runs in its own scope as the actor who asked, as they stand
/// when its turn comes: a question whose asker was denied while it waited is not answered.
/// </summary>
internal sealed class AnswerRunner(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<AnswerRunner> logger) : IHostedService
{
    public const string NotAllowedAnymore = "I did not answer that: you are no longer on this bot's allow-list.";

    private readonly Dictionary<ConversationKey, Lane> _lanes = [];
    private readonly Lock _lock = new();

    /// <summary>Queues an answer; it is skipped if the conversation is reset before its turn comes.</summary>
    public void Enqueue(TurnRequest turn)
    {
        lock (_lock)
        {
            var lane = LaneFor(turn.Key);
            var reset = lane.Reset;
            Chain(turn.Key, lane, async () =>
            {
                // Skipped or cut short by a reset: the reset says it stopped an answer (one already shown is not).
                if (reset.Token.IsCancellationRequested || await RunTurnAsync(turn, reset.Token))
                {
                    reset.CutAnswer = true;
                }
            });
        }
    }

    /// <summary>Stops the running answer and drops queued ones, then runs <paramref name="work"/> once they are done.</summary>
    /// <returns>True when an answer was cut short or a queued one dropped.</returns>
    public async Task<bool> ResetAsync(ConversationKey key, Func<Task> work)
    {
        Task done;
        ResetSignal stopped;
        lock (_lock)
        {
            var lane = LaneFor(key);
            (stopped, lane.Reset) = (lane.Reset, new ResetSignal());
            var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Chain(key, lane, async () =>
            {
                try
                {
                    await work();
                    completion.SetResult();
                }
                catch (Exception ex)
                {
                    completion.SetException(ex);
                }
            });
            done = completion.Task;
        }

        // Outside the lock: cancelling runs the stopped answer's callbacks on this thread.
        await stopped.CancelAsync();
        await done; // after every step queued before it, so each has said whether it was cut
        return stopped.CutAnswer;
    }

    /// <summary>Resets every conversation of a user (all chats), then runs <paramref name="work"/>.</summary>
    public async Task ResetUserAsync(long userId, Func<Task> work)
    {
        List<ConversationKey> keys;
        lock (_lock)
        {
            keys = [.. _lanes.Keys.Where(k => k.UserId == userId)];
        }

        await Task.WhenAll(keys.Select(k => ResetAsync(k, () => Task.CompletedTask)));
        await work();
    }

    /// <summary>How many answers are running or queued in a conversation.</summary>
    public int Pending(ConversationKey key)
    {
        lock (_lock)
        {
            return _lanes.TryGetValue(key, out var lane) ? lane.Pending : 0;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// At shutdown the running answers end as stopped (they watch ApplicationStopping); waiting for them here, while the
    /// transport and the database are still there, lets each one keep what it showed.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] tails;
        lock (_lock)
        {
            tails = [.. _lanes.Values.Select(l => l.Tail)];
        }

        try
        {
            await Task.WhenAll(tails).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("{Count} chat answers were still running when the shutdown deadline came", tails.Count(t => !t.IsCompleted));
        }
    }

    private Lane LaneFor(ConversationKey key)
    {
        if (!_lanes.TryGetValue(key, out var lane))
        {
            _lanes[key] = lane = new Lane();
        }

        return lane;
    }

    /// <summary>Appends a step to the lane; the lane is dropped once its last step is done. Called under the lock.</summary>
    private void Chain(ConversationKey key, Lane lane, Func<Task> step)
    {
        lane.Pending++;
        lane.Tail = RunAfterAsync(lane.Tail, step, key, lane);
    }

    private async Task RunAfterAsync(Task previous, Func<Task> step, ConversationKey key, Lane lane)
    {
        await previous;
        try
        {
            await step();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A chat step in {Chat} failed unexpectedly", $"{key.Transport}:{key.ChatId}");
        }
        finally
        {
            lock (_lock)
            {
                if (--lane.Pending == 0 && _lanes.GetValueOrDefault(key) == lane)
                {
                    _lanes.Remove(key);
                }
            }
        }
    }

    /// <summary>Runs one turn; true when a reset cut it short.</summary>
    private async Task<bool> RunTurnAsync(TurnRequest turn, CancellationToken reset)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(reset, lifetime.ApplicationStopping);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            if (await AskerNowAsync(turn, scope.ServiceProvider, cancel.Token) is not { } asker)
            {
                await scope.ServiceProvider.GetRequiredService<IMessenger>().SendAsync(turn.Conversation, Reply.Plain(NotAllowedAnymore), cancel.Token);
                return false;
            }

            var sender = scope.ServiceProvider.GetRequiredService<IRequestSender>();
            return await sender.SendAsAsync(asker, new RunTurn(turn with { Actor = asker }), cancel.Token) && reset.IsCancellationRequested;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Reset (or shut down) before the answer started: nothing was shown, nothing to finish.
            return reset.IsCancellationRequested;
        }
    }

    /// <summary>The asker as the allow-list has them now (a question may wait behind others): null once denied.</summary>
    private static ValueTask<Actor?> AskerNowAsync(TurnRequest turn, IServiceProvider services, CancellationToken cancellationToken) =>
        turn.Actor.Kind == ActorKind.System
            ? ValueTask.FromResult<Actor?>(turn.Actor)
            : services.GetRequiredService<IUserDirectory>().ResolveAsync(turn.Actor.Id, turn.Actor.Transport, cancellationToken);

    /// <summary>A lane's reset: cancelled by <see cref="ResetAsync"/>, and told by its turns whether it cut one short.</summary>
    private sealed class ResetSignal : CancellationTokenSource
    {
        public volatile bool CutAnswer;
    }

    private sealed class Lane
    {
        public Task Tail { get; set; } = Task.CompletedTask;

        public ResetSignal Reset { get; set; } = new();

        public int Pending { get; set; }
    }
}
