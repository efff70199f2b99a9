using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>What a person asked to run, before it is checked.</summary>
internal sealed record TaskDraft(
    string Prompt,
    string? Model = null,
    Usd? Budget = null,
    string? Project = null,
    string? After = null,
    ConversationReference? Conversation = null)
{
    public string Executor { get; init; } = Agent.AgentExecutor.Name;

    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    /// <summary>A key unique to the request asking for it (<see cref="Abstractions.Tasks.EnqueueTask.IdempotencyKey"/>).</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>What asked for it (<see cref="Abstractions.Tasks.EnqueueTask.Origin"/>).</summary>
    public string? Origin { get; init; }
}

/// <summary>The task a draft asked for, and whether this call created it or found it made by an earlier delivery.</summary>
internal sealed record CreatedTask(TaskRow Task, bool Created);

/// <summary>
/// Checks a draft and queues it: every problem is reported at once, by field, with what to write instead — a task
/// that cannot run is refused now rather than failing minutes later.
/// </summary>
internal sealed class TaskCreator(
    TaskStore store,
    TaskAdmission admission,
    IModelRouter router,
    IProjectRegistry projects,
    ISettingsStore settings,
    TaskSignal signal,
    IOptions<TasksOptions> options)
{
    public const int MaxPromptLength = 20_000;

    /// <summary>
    /// Queues <paramref name="draft"/> for <paramref name="owner"/>, asked for by <paramref name="by"/> (the owner, an
    /// admin or the bot). A draft with an idempotency key that already made a task (the same update handled again after
    /// a crash, a schedule's run asked twice) returns that task, not a new one; the unique index settles two at once.
    /// </summary>
    public async Task<CreatedTask> CreateOnceAsync(TaskDraft draft, Actor owner, Actor by, CancellationToken cancellationToken)
    {
        if (draft.IdempotencyKey is { } key && await store.FindByIdempotencyKeyAsync(key, cancellationToken) is { } earlier)
        {
            return new CreatedTask(earlier, Created: false);
        }

        try
        {
            return new CreatedTask(await CreateNewAsync(draft, owner, by, cancellationToken), Created: true);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException) when (draft.IdempotencyKey is not null)
        {
            // Another delivery of the same message won the unique index; any other failure is rethrown.
            if (await store.FindByIdempotencyKeyAsync(draft.IdempotencyKey, cancellationToken) is { } winner)
            {
                return new CreatedTask(winner, Created: false);
            }

            throw;
        }
    }

    private async Task<TaskRow> CreateNewAsync(TaskDraft draft, Actor owner, Actor by, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var prompt = draft.Prompt.Trim();
        if (prompt.Length == 0)
        {
            errors.Add(new FieldError("prompt", "say what the task should do, e.g. /task review the last commit"));
        }
        else if (prompt.Length > MaxPromptLength)
        {
            errors.Add(new FieldError("prompt", $"is {prompt.Length:N0} characters; the most is {MaxPromptLength:N0}"));
        }

        var budget = CheckBudget(draft.Budget, errors);
        var project = await ProjectAsync(draft, owner, errors, cancellationToken);
        await CheckModelAsync(draft.Model, owner, draft.Conversation, errors, cancellationToken);
        var after = await AfterAsync(draft.After, owner, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var task = await admission.AddAsync(new TaskRow
        {
            OwnerId = owner.Id,
            OwnerKind = owner.Kind == ActorKind.Admin ? nameof(ActorKind.Admin) : nameof(ActorKind.User),
            Transport = draft.Conversation?.Transport,
            ChatId = draft.Conversation?.ChatId,
            ThreadId = draft.Conversation?.ThreadId,
            Project = project,
            Prompt = prompt,
            Executor = draft.Executor,
            ArgumentsJson = draft.Arguments is null ? null : JsonSerializer.Serialize(draft.Arguments),
            Model = draft.Model?.Trim(),
            BudgetCapMicros = budget,
            After = after?.Id,
            Status = after is { Status: not TaskState.Completed } ? TaskState.Waiting : TaskState.Queued,
            IdempotencyKey = draft.IdempotencyKey,
            Origin = draft.Origin,
        }, by, cancellationToken);
        signal.Notify();
        return task;
    }

    /// <summary>Queues a retry: the same work, linked to the original, with the budget and context it carries.</summary>
    public async Task<TaskRow> CreateRetryAsync(TaskRow original, long? budgetMicros, Actor actor, CancellationToken cancellationToken)
    {
        var task = await admission.AddAsync(new TaskRow
        {
            OwnerId = original.OwnerId,
            OwnerKind = original.OwnerKind,
            Transport = original.Transport,
            ChatId = original.ChatId,
            ThreadId = original.ThreadId,
            Project = original.Project,
            Prompt = original.Prompt,
            Executor = original.Executor,
            ArgumentsJson = original.ArgumentsJson,
            Model = original.Model,
            BudgetCapMicros = budgetMicros,
            RetryCount = original.RetryCount + 1,
            RetryOf = original.Id,
            // An unfinished conversation goes on where it stopped; a completed one is asked afresh.
            CheckpointJson = original.Status == TaskState.Completed ? null : original.CheckpointJson,
            Step = original.Status == TaskState.Completed ? 0 : original.Step,
            Status = TaskState.Queued,
        }, actor, cancellationToken);
        signal.Notify();
        return task;
    }

    /// <summary>The budget in micro-dollars, or null with the problem added to <paramref name="errors"/>.</summary>
    public long? CheckBudget(Usd? budget, List<FieldError> errors)
    {
        if (budget is not { } usd)
        {
            return null;
        }

        if (!usd.IsPositive)
        {
            errors.Add(new FieldError("budget", "must be more than $0, e.g. --budget 0.50"));
            return null;
        }

        var most = Usd.FromDollars(options.Value.MaxBudgetUsd);
        if (usd > most)
        {
            // A saturated amount was typed beyond anything money can count; say so rather than show the saturated figure.
            var asked = usd == Usd.MaxValue ? "an amount that large" : usd.ToString();
            errors.Add(new FieldError("budget", $"{asked} is above the most a task may have, {most} (Plugins:Tasks:MaxBudgetUsd)"));
            return null;
        }

        return usd.Micros;
    }

    private async Task<string?> ProjectAsync(TaskDraft draft, Actor actor, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var name = draft.Project ?? await settings.ResolveAsync(SettingKeys.Project, actor.Id, draft.Conversation, cancellationToken: cancellationToken);
        if (name is null)
        {
            return null;
        }

        if (projects.Find(name) is { } project)
        {
            return project.Name;
        }

        errors.Add(new FieldError("project", projects.All.Count == 0
            ? $"there is no project '{name}': none is configured (Projects:0:Name in the settings)"
            : $"there is no project '{name}'; the projects are {string.Join(", ", projects.All.Select(p => p.Name))}"));
        return null;
    }

    private async Task CheckModelAsync(string? model, Actor actor, ConversationReference? conversation, List<FieldError> errors, CancellationToken cancellationToken)
    {
        try
        {
            var resolved = await router.ResolveAsync(model, new LlmCallContext { Actor = actor, Purpose = "task" }, conversation, cancellationToken);
            if (model is null)
            {
                return;
            }

            // A bare or mistyped model name resolves; the endpoint's own list says whether it exists.
            var listed = (await router.ListModelsAsync(cancellationToken))
                .Where(l => l.Available && string.Equals(l.Reference.Endpoint, resolved.Reference.Endpoint, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (listed.Count > 0 && !listed.Any(l => l.Reference == resolved.Reference))
            {
                errors.Add(new FieldError("model", $"{resolved.Reference.Endpoint} does not offer '{model}': send /models to see the models you can use"));
            }
        }
        catch (ModelNotAvailableException ex)
        {
            errors.Add(new FieldError("model", ex.Message));
        }
    }

    private async Task<TaskRow?> AfterAsync(string? after, Actor actor, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (after is null)
        {
            return null;
        }

        var id = TaskIds.Parse(after);
        var task = id is null ? null : await store.FindAsync(id, cancellationToken);
        if (task is null || (task.OwnerId != actor.Id && !actor.IsPrivileged))
        {
            errors.Add(new FieldError("after", $"there is no task '{after}' of yours to run after; /taskstatus lists them"));
            return null;
        }

        if (task.Status.IsFinal() && task.Status != TaskState.Completed)
        {
            errors.Add(new FieldError("after", $"task {task.Id} ended {task.Status.Describe()}, so a task after it would never start; retry it first with /taskretry {task.Id}"));
            return null;
        }

        return task;
    }
}
