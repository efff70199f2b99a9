using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// The queue's moves that are not a person's: claiming queued tasks within the concurrency limits, renewing leases,
/// taking back tasks whose process died, and releasing tasks that wait for another.
/// </summary>
internal sealed class TaskQueue(TasksDbContext db, TaskStore store, IUserDirectory users, TimeProvider time, IOptions<TasksOptions> options)
{
    private readonly TasksOptions _options = options.Value;

    /// <summary>
    /// Claims up to <paramref name="max"/> tasks for <paramref name="instance"/>, interrupted ones first, then by age,
    /// without passing the global or per-project limit. One transaction: SQLite lets one writer in at a time, so two
    /// claimers (threads or processes) never both see room for the same slot.
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
        var ready = db.Tasks.Where(t => t.Project == null || !full.Contains(t.Project));
        // Interrupted first (they resume), then queued by age: two reads along the (Status, CreatedAtUtc) index.
        var candidates = await ready.Where(t => t.Status == TaskState.Interrupted).OrderBy(t => t.CreatedAtUtc).Take(room * 4).ToListAsync(cancellationToken);
        if (candidates.Count < room * 4)
        {
            candidates.AddRange(await ready.Where(t => t.Status == TaskState.Queued).OrderBy(t => t.CreatedAtUtc).Take((room * 4) - candidates.Count).ToListAsync(cancellationToken));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var claimed = new List<TaskRow>();
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
            select new { waiting.Id, waiting.OwnerId, waiting.After, Status = (TaskState?)before.Status, Error = before.Error })
            .ToListAsync(cancellationToken);
        foreach (var task in ready)
        {
            if (await users.CurrentOwnerAsync(task.OwnerId, cancellationToken) is null)
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
