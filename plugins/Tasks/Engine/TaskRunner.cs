using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// Runs one claimed task with its executor and writes how it ended, as a compare-and-set that only this process's
/// lease may make: a task a person stopped meanwhile stays stopped.
/// </summary>
internal sealed class TaskRunner(
    IServiceScopeFactory scopes,
    IEnumerable<ITaskExecutor> executors,
    IUserDirectory users,
    InstanceIdentity instance,
    IOptions<TasksOptions> options,
    ILogger<TaskRunner> logger)
{
    public async Task RunAsync(TaskRow task, RunningTask run)
    {
        var info = Describe(task);
        var execution = new TaskExecution(info, null, run, scopes, instance.Id);
        Outcome outcome;
        try
        {
            // Claimed or resumed: it runs as its owner stands now (a demoted admin's task gets a user's rights).
            var owner = await users.CurrentOwnerAsync(task.OwnerId, task.OwnerKind, run.Token) ?? throw new OwnerNotAllowedException();
            var executor = executors.FirstOrDefault(e => e.Kind == task.Executor)
                ?? throw new InvalidOperationException($"No executor '{task.Executor}' is installed (is its plugin loaded?).");
            execution = new TaskExecution(Describe(task, owner), CheckpointJson.Read(task.CheckpointJson), run, scopes, instance.Id);
            var result = await executor.RunAsync(execution, run.Token);
            // The result is in hand: a stop arriving now must not throw it away, so the last output is kept regardless.
            await execution.FlushAsync(CancellationToken.None);
            outcome = new Outcome(TaskState.Completed, null, result);
        }
        catch (Exception) when (run.Reason is { } reason)
        {
            // Whatever a cancelled call throws (a cut stream, a wrapped cancellation), the stop decides the outcome.
            outcome = Stopped(reason);
        }
        catch (OwnerNotAllowedException)
        {
            logger.LogWarning("Task {Task} was cancelled when it was claimed: its owner {Owner} may no longer use the bot", task.Id, task.OwnerId);
            outcome = new Outcome(TaskState.Cancelled, OwnerStanding.NoLongerAllowed, null);
        }
        catch (BudgetExceededException ex)
        {
            outcome = new Outcome(TaskState.BudgetExceeded, ex.Message, null);
        }
        catch (Exception ex) when (ex is LlmCallFailedException or ModelNotAvailableException)
        {
            outcome = new Outcome(TaskState.Failed, ex.Message, null);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Task {Task} failed unexpectedly", task.Id);
            outcome = new Outcome(TaskState.Failed, $"{ex.GetType().Name}: {ex.Message}", null);
        }

        if (outcome.State is { } state)
        {
            await EndAsync(task.Id, state, outcome, run);
        }

        try
        {
            await execution.KeepUnsavedOutputAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not keep the last output of task {Task}", task.Id);
        }
    }

    private Outcome Stopped(StopReason reason) => reason switch
    {
        StopReason.Shutdown => new Outcome(TaskState.Interrupted, "the bot stopped; the task resumes from its last checkpoint at the next start", null),
        StopReason.Idle => new Outcome(TaskState.Failed, string.Create(CultureInfo.InvariantCulture, $"stopped after {options.Value.IdleMinutes:0.##} min without output or progress (Plugins:Tasks:IdleMinutes)"), null),
        StopReason.TooLong => new Outcome(TaskState.Failed, string.Create(CultureInfo.InvariantCulture, $"stopped after running {options.Value.MaxDurationMinutes:0.##} min, the longest a task may run (Plugins:Tasks:MaxDurationMinutes)"), null),
        _ => new Outcome(null, null, null), // stopped by a person or taken over: they wrote the state
    };

    private async Task EndAsync(string id, TaskState state, Outcome outcome, RunningTask run)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<TaskStore>();
            // A task that ends for good keeps what its last step wrote; one that resumes runs that step again.
            var unsaved = state.IsFinal() ? run.TakePending() : null;
            var move = await store.MoveAsync(id, [TaskState.Running], state, instance.Id, outcome.Error, t =>
            {
                t.RanForMs = run.RanForMs;
                t.Stage = null;
                if (state == TaskState.Interrupted)
                {
                    (t.LeaseOwner, t.LeaseUntilUtc) = (null, null);
                }

                if (outcome.Result is { } result)
                {
                    t.Answer = result.Answer;
                    t.Summary = TaskStore.Truncate(result.Summary ?? FirstLine(result.Answer), 300);
                }
                else if (outcome.Error is { } error && state != TaskState.Interrupted)
                {
                    t.Error = TaskStore.Truncate(error, 2000);
                }
            }, instance.Id, unsaved, CancellationToken.None);
            if (!move.Made)
            {
                run.Restore(unsaved ?? "");
                logger.LogInformation("Task {Task} ended as {State} here, but it is already {Actual}", id, state, move.Task?.Status);
            }
        }
        catch (Exception ex)
        {
            // The lease runs out and the task resumes: nothing is lost, it only runs its last step again.
            logger.LogError(ex, "Could not record that task {Task} ended as {State}", id, state);
        }
    }

    /// <summary>The task as executors see it, run as <paramref name="owner"/> (by default, as its owner stood when it was queued).</summary>
    public static TaskInfo Describe(TaskRow task, Actor? owner = null) => new(
        task.Id,
        owner ?? new Actor(task.OwnerId, Enum.Parse<ActorKind>(task.OwnerKind), "worker"),
        task.Project,
        task.Prompt,
        task.Model,
        task.Executor,
        task.ArgumentsJson is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(task.ArgumentsJson) ?? [],
        task.BudgetCapMicros is { } cap ? Usd.FromMicros(cap) : null,
        task.RetryCount,
        task.RetryOf,
        task.Transport is null || task.ChatId is null ? null : new ConversationReference(task.Transport, task.ChatId, task.ThreadId));

    private static string FirstLine(string text)
    {
        var line = text.AsSpan().TrimStart();
        var end = line.IndexOf('\n');
        return (end < 0 ? line : line[..end]).Trim().ToString();
    }

    private sealed record Outcome(TaskState? State, string? Error, TaskResult? Result);
}
