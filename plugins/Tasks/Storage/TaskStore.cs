using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Events;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;

namespace PluginBot.Plugins.Tasks.Storage;

/// <summary>The outcome of a compare-and-set: whether it was made, and the task as it is now (null when there is none).</summary>
internal sealed record Move(bool Made, TaskRow? Task);

/// <summary>
/// Every change of a task's state is a compare-and-set on its version: of two racing changes exactly one is made, and
/// the other is told the state that won. Every change of state enqueues the durable <see cref="TaskStateChanged"/>, and
/// a change into a final state <see cref="TaskFinished"/> too, in the same transaction: the owner is told, and other
/// plugins hear of it, even after a crash between "done" and "told".
/// </summary>
internal sealed class TaskStore(TasksDbContext db, IOutbox outbox, TimeProvider time)
{
    public Task<TaskRow?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    /// <summary>The task created by the message with this transport key, if one was.</summary>
    public Task<TaskRow?> FindByIdempotencyKeyAsync(string key, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.IdempotencyKey == key, cancellationToken);

    /// <summary>Stores a new task (queued, or waiting for the one it runs after) under a fresh id.</summary>
    public async Task<TaskRow> AddAsync(TaskRow task, string by, CancellationToken cancellationToken)
    {
        task.CreatedAtUtc = time.GetUtcNow().UtcDateTime;
        for (var attempt = 0; ; attempt++)
        {
            task.Id = TaskIds.New();
            db.Tasks.Add(task);
            db.Transitions.Add(new TransitionRow { TaskId = task.Id, To = task.Status, AtUtc = task.CreatedAtUtc, By = by, Reason = "created" });
            // Joins the caller's transaction (admission's) when there is one.
            await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await PublishChangeAsync(task, from: null, task.CreatedAtUtc, cancellationToken);
                if (own is not null)
                {
                    await own.CommitAsync(cancellationToken);
                }

                db.ChangeTracker.Clear();
                return task;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                if (own is not null)
                {
                    await own.RollbackAsync(cancellationToken);
                }

                db.ChangeTracker.Clear();
                if (!await db.Tasks.AsNoTracking().AnyAsync(t => t.Id == task.Id, cancellationToken))
                {
                    throw; // not the id: another constraint
                }

                // The random id was taken: draw another.
            }
        }
    }

    /// <summary>
    /// Moves a task from one of <paramref name="from"/> to <paramref name="to"/> (applying <paramref name="change"/>),
    /// if it is in one of them and, when <paramref name="leaseOwner"/> is given, that process holds it.
    /// </summary>
    public async Task<Move> MoveAsync(
        string id,
        IReadOnlyCollection<TaskState> from,
        TaskState to,
        string by,
        string? reason,
        Action<TaskRow>? change = null,
        string? leaseOwner = null,
        string? unsavedOutput = null,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            db.ChangeTracker.Clear();
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (task is null || !from.Contains(task.Status) || (leaseOwner is not null && task.LeaseOwner != leaseOwner))
            {
                return new Move(false, task);
            }

            if (await TrySaveAsync(task, to, by, reason, change, unsavedOutput, cancellationToken))
            {
                return new Move(true, task);
            }
        }
    }

    /// <summary>
    /// One compare-and-set on the version read with <paramref name="task"/>; false when another change came first.
    /// <paramref name="unsavedOutput"/>, output of the step in progress, is kept with the change.
    /// </summary>
    private async Task<bool> TrySaveAsync(TaskRow task, TaskState to, string by, string? reason, Action<TaskRow>? change, string? unsavedOutput, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var was = task.Status;
        task.Status = to;
        task.Version++;
        change?.Invoke(task);
        if (to.IsFinal())
        {
            task.FinishedAtUtc = now;
            (task.LeaseOwner, task.LeaseUntilUtc) = (null, null);
        }

        if (!string.IsNullOrEmpty(unsavedOutput))
        {
            db.Output.Add(new OutputRow { TaskId = task.Id, Step = task.Step + 1, Text = unsavedOutput });
        }

        if (was != to)
        {
            db.Transitions.Add(new TransitionRow { TaskId = task.Id, From = was, To = to, AtUtc = now, By = by, Reason = Truncate(reason, 2000) });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (was != to)
            {
                await PublishChangeAsync(task, was, now, cancellationToken);
            }

            if (to.IsFinal() && !was.IsFinal())
            {
                await outbox.EnqueueAsync(db, new TaskFinished(task.Id, task.OwnerId, to, task.Origin, now), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>
    /// Enqueues <see cref="TaskStateChanged"/> for a change of <paramref name="task"/> saved (or about to be committed)
    /// in the current transaction: every move of state calls it, the queue's batch moves included.
    /// </summary>
    public Task PublishChangeAsync(TaskRow task, TaskState? from, DateTime atUtc, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(db, new TaskStateChanged(task.Id, task.OwnerId, from, task.Status, task.Origin, atUtc, task.Version), cancellationToken);

    /// <summary>The task's output: the text of every completed step, in order.</summary>
    public async Task<string> OutputAsync(string id, CancellationToken cancellationToken)
    {
        var steps = await db.Output.AsNoTracking().Where(o => o.TaskId == id).OrderBy(o => o.Id).Select(o => o.Text).ToListAsync(cancellationToken);
        return string.Concat(steps);
    }

    /// <summary>How many queued tasks were queued before this one (its place in the queue is one more).</summary>
    public Task<int> AheadOfAsync(TaskRow task, CancellationToken cancellationToken) =>
        db.Tasks.CountAsync(t => (t.Status == TaskState.Queued || t.Status == TaskState.Interrupted) && t.CreatedAtUtc < task.CreatedAtUtc, cancellationToken);

    public Task<List<TransitionRow>> HistoryAsync(string id, CancellationToken cancellationToken) =>
        db.Transitions.AsNoTracking().Where(t => t.TaskId == id).OrderBy(t => t.Id).ToListAsync(cancellationToken);

    public static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";
}
