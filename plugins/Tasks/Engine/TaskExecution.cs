using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// The engine's side of one run, handed to the executor. A checkpoint and the output written since the previous one
/// are saved in one transaction, and only while this process still holds the task.
/// </summary>
internal sealed class TaskExecution(TaskInfo task, TaskCheckpoint? checkpoint, RunningTask run, IServiceScopeFactory scopes, string instance) : ITaskExecution
{
    public TaskInfo Task { get; } = task;

    public TaskCheckpoint? Checkpoint { get; private set; } = checkpoint;

    public LlmCallContext CallContext(int stepNumber) => new()
    {
        Actor = Task.Owner,
        Project = Task.Project,
        TaskId = Task.Id,
        Step = stepNumber,
        IdempotencyKey = $"task:{Task.Id}:{Task.RetryCount}:{stepNumber}",
        BudgetCap = Task.BudgetCap,
        Purpose = "task",
    };

    public void Write(string text) => run.Write(text);

    public void Report(TaskStage stage) => run.Report(stage);

    public async Task SaveCheckpointAsync(TaskCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var json = CheckpointJson.Write(checkpoint);
        await SaveAsync(checkpoint.Step, json, cancellationToken);
        Checkpoint = checkpoint;
        run.Step = checkpoint.Step;
    }

    /// <summary>Saves output written after the last checkpoint (an executor that keeps none, for instance).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        run.Pending.Length == 0 ? System.Threading.Tasks.Task.CompletedTask : SaveAsync(null, null, cancellationToken);

    /// <summary>
    /// Keeps the output of the step that was cut short when someone else ended the task (a stop): it never runs that
    /// step again, so what it wrote is the last of its output. A task that will resume keeps none.
    /// </summary>
    public async Task KeepUnsavedOutputAsync(CancellationToken cancellationToken)
    {
        var output = run.TakePending();
        if (output.Length == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TasksDbContext>();
        var row = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == Task.Id, cancellationToken);
        if (row is not null && row.Status.IsFinal())
        {
            db.Output.Add(new OutputRow { TaskId = Task.Id, Step = row.Step + 1, Text = output });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SaveAsync(int? step, string? json, CancellationToken cancellationToken)
    {
        var output = run.TakePending();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TasksDbContext>();
            while (true)
            {
                db.ChangeTracker.Clear();
                var row = await db.Tasks.FirstOrDefaultAsync(t => t.Id == Task.Id, cancellationToken);
                if (row is null || row.Status != TaskState.Running || row.LeaseOwner != instance)
                {
                    run.Stop(StopReason.LeaseLost);
                    throw new OperationCanceledException("The task is no longer held by this process.", run.Token);
                }

                if (json is not null)
                {
                    (row.CheckpointJson, row.Step) = (json, step!.Value);
                }

                row.RanForMs = run.RanForMs;
                row.Stage = TaskStore.Truncate(run.Stage.ToString(), 300);
                row.Version++;
                if (output.Length > 0)
                {
                    db.Output.Add(new OutputRow { TaskId = Task.Id, Step = step ?? row.Step + 1, Text = output });
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Changed meanwhile (a stop, say): read it again; the check above then ends the run.
                }
            }
        }
        catch
        {
            run.Restore(output);
            throw;
        }
    }
}
