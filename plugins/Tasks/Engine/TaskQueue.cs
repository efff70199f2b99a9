using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// The queue's moves that are not a person's: claiming queued tasks within the concurrency limits and in turns between
/// owners, renewing leases, taking back tasks whose process died, and releasing tasks that wait for another.
/// </summary>
internal sealed class TaskQueue(TasksDbContext db, TaskStore store, IUserDirectory users, TimeProvider time, IOptions<TasksOptions> options)
{
    private readonly TasksOptions _options = options.Value;

    /// <summary>
    /// Claims up to <paramref name="max"/> tasks for <paramref name="instance"/> within the global and per-project limits,
    /// taking turns between owners (<see cref="ReadTurnsAsync"/>). One transaction: SQLite lets one writer in at a time,
    /// so two claimers (threads or processes) never both see room for the same slot.
    /// </summary>
    public async Task<List<TaskRow>> ClaimAsync(string instance, int max, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var running = await db.Tasks.Where(t => t.Status == TaskState.Running)
            .GroupBy(t => t.Project).Select(g => new { Project = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Project ?? "", g => g.Count, cancellationToken);
        var room = Math.Min(max, _options.MaxRunning - running.Values.Sum());
        if (room <= 0)
        {
            return [];
        }

        // Projects already at their limit are left out of the read, so their queue does not hide other projects' tasks.
        var full = running.Where(p => p.Key.Length > 0 && p.Value >= _options.LimitFor(p.Key)).Select(p => p.Key).ToList();
        var candidates = await ReadTurnsAsync(full, room * 4, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = new List<TaskRow>();
        var moves = new List<(TaskRow Task, TaskState From)>();
        foreach (var task in candidates)
        {
            if (claimed.Count == room)
            {
                break;
            }

            if (task.Project is { } project)
            {
                var count = running.GetValueOrDefault(project);
                if (count >= _options.LimitFor(project))
                {
                    continue;
                }

                running[project] = count + 1;
            }

            var resumed = task.Status == TaskState.Interrupted;
            moves.Add((task, task.Status));
            db.Transitions.Add(new TransitionRow
            {
                TaskId = task.Id,
                From = task.Status,
                To = TaskState.Running,
                AtUtc = now,
                By = instance,
                Reason = resumed ? "resumed from its checkpoint" : "claimed",
            });
            task.Status = TaskState.Running;
            task.Version++;
            task.LeaseOwner = instance;
            task.LeaseUntilUtc = now.AddSeconds(_options.LeaseSeconds);
            task.StartedAtUtc ??= now;
            task.Resumed |= resumed;
            task.Stage = null;
            claimed.Add(task);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (task, from) in moves)
            {
                await store.PublishChangeAsync(task, from, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return []; // another process changed one of them first; the next round tries again
        }

        db.ChangeTracker.Clear();
        return claimed;
    }

    /// <summary>
    /// The next ready (queued or interrupted) tasks in turn order. Each owner's ready tasks are numbered 1, 2, 3...
    /// (interrupted ones first, as they resume, then oldest first), and each number is raised by how many tasks the owner
    /// already runs; the lowest goes first, then interrupted before queued, then the oldest. So a freed worker goes to
    /// whoever runs least, and one person's long queue waits its turn instead of holding every worker.
    /// </summary>
    private Task<List<TaskRow>> ReadTurnsAsync(List<string> fullProjects, int take, CancellationToken cancellationToken)
    {
        string queued = nameof(TaskState.Queued), interrupted = nameof(TaskState.Interrupted), runningState = nameof(TaskState.Running);
        var full = JsonSerializer.Serialize(fullProjects);
        return db.Tasks.FromSqlInterpolated($"""
            SELECT t.* FROM tasks_tasks AS t
            JOIN (
                SELECT Id, ROW_NUMBER() OVER (PARTITION BY OwnerId ORDER BY Status <> {interrupted}, CreatedAtUtc, Id) AS Turn
                FROM tasks_tasks
                WHERE Status IN ({queued}, {interrupted})
                  AND (Project IS NULL OR Project NOT IN (SELECT value FROM json_each({full})))
            ) AS ready ON ready.Id = t.Id
            LEFT JOIN (
                SELECT OwnerId, COUNT(*) AS Runs FROM tasks_tasks WHERE Status = {runningState} GROUP BY OwnerId
            ) AS owners ON owners.OwnerId = t.OwnerId
            ORDER BY ready.Turn + COALESCE(owners.Runs, 0), t.Status <> {interrupted}, t.CreatedAtUtc, t.Id
            LIMIT {take}
            """).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Extends the leases of the tasks that run here (<paramref name="runs"/>), and only those: a task this process
    /// holds in the database but no longer runs lets its lease run out and is taken back. Returns the ids still held.
    /// </summary>
    public async Task<HashSet<string>> RenewAsync(string instance, IReadOnlyCollection<string> runs, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime.AddSeconds(_options.LeaseSeconds);
        var held = db.Tasks.Where(t => runs.Contains(t.Id) && t.LeaseOwner == instance && t.Status == TaskState.Running);
        // Not a version bump: a renewal must never make a person's stop lose its compare-and-set.
        await held.ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntilUtc, until), cancellationToken);
        return [.. await held.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>
    /// Marks interrupted the tasks whose lease ran out, except those running here (<paramref name="runs"/>: a late
    /// renewal does not make a live run an orphan), and, at start (<paramref name="ownAtStart"/>), at once every task
    /// this instance held when it last stopped: they are known to be orphans. Returns how many.
    /// </summary>
    public async Task<int> TakeBackAsync(string instance, bool ownAtStart, IReadOnlyCollection<string> runs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.ChangeTracker.Clear();
        // One transaction for all (a restart may find hundreds), each row still a compare-and-set on its version.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tasks = await db.Tasks
            .Where(t => t.Status == TaskState.Running && ((ownAtStart && t.LeaseOwner == instance) || t.LeaseUntilUtc < now))
            .ToListAsync(cancellationToken);
        tasks.RemoveAll(t => t.LeaseOwner == instance && runs.Contains(t.Id));
        if (tasks.Count == 0)
        {
            return 0;
        }

        foreach (var task in tasks)
        {
            var reason = task.LeaseOwner == instance ? "its process stopped before it finished" : $"the lease of {task.LeaseOwner} ran out";
            db.Transitions.Add(new TransitionRow { TaskId = task.Id, From = TaskState.Running, To = TaskState.Interrupted, AtUtc = now, By = instance, Reason = reason });
            (task.Status, task.LeaseOwner, task.LeaseUntilUtc) = (TaskState.Interrupted, null, null);
            task.Version++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            foreach (var task in tasks)
            {
                await store.PublishChangeAsync(task, TaskState.Running, now, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return tasks.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // one changed meanwhile; the next round looks again
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Queues waiting tasks whose predecessor completed; fails those whose predecessor ended otherwise, and cancels
    /// those whose owner may no longer use the bot.
    /// </summary>
    public async Task<int> ReleaseWaitingAsync(string instance, CancellationToken cancellationToken)
    {
        var ready = await (
            from waiting in db.Tasks.AsNoTracking()
            where waiting.Status == TaskState.Waiting
            join before in db.Tasks.AsNoTracking() on waiting.After equals before.Id into befores
            from before in befores.DefaultIfEmpty()
            where before == null || before.Status == TaskState.Completed || before.Status == TaskState.Failed
                || before.Status == TaskState.Cancelled || before.Status == TaskState.BudgetExceeded
            select new { waiting.Id, waiting.OwnerId, waiting.OwnerKind, waiting.After, Status = (TaskState?)before.Status, Error = before.Error })
            .ToListAsync(cancellationToken);
        foreach (var task in ready)
        {
            if (await users.CurrentOwnerAsync(task.OwnerId, task.OwnerKind, cancellationToken) is null)
            {
                await store.MoveAsync(task.Id, [TaskState.Waiting], TaskState.Cancelled, instance, OwnerStanding.NoLongerAllowed, t => t.Error = OwnerStanding.NoLongerAllowed, cancellationToken: cancellationToken);
                continue;
            }

            if (task.Status == TaskState.Completed)
            {
                await store.MoveAsync(task.Id, [TaskState.Waiting], TaskState.Queued, instance, $"task {task.After} completed", cancellationToken: cancellationToken);
                continue;
            }

            var why = task.Status is { } status
                ? $"task {task.After} it runs after ended {status.Describe()}" + (task.Error is { } error ? $": {error}" : "")
                : $"task {task.After} it runs after no longer exists";
            await store.MoveAsync(task.Id, [TaskState.Waiting], TaskState.Failed, instance, why, t => t.Error = TaskStore.Truncate(why, 2000), cancellationToken: cancellationToken);
        }

        return ready.Count;
    }
}
